"""French institutions named after a place or a person, in 24 news sentences no written file
holds (written before the runs the model card reports, "French institutions named after a
place"): how many the extractor returns whole as ORG.

Usage: PYTHONPATH=src python tools/probe_institutions_fr.py [-v]
"""

from __future__ import annotations

import sys

from rashomon.extract.entities import extract_mentions

PROBES = [
    ("Les urgences du Centre hospitalier de Montauban resteront fermées la nuit tout l'été.",
     "Centre hospitalier de Montauban"),
    ("Le Centre hospitalier d'Auch a recruté trois médecins roumains.",
     "Centre hospitalier d'Auch"),
    ("Le Grand port maritime de Sète a accueilli un premier navire de croisière électrique.",
     "Grand port maritime de Sète"),
    ("Les dockers du Grand port maritime de Brest ont cessé le travail jeudi.",
     "Grand port maritime de Brest"),
    ("L'Union départementale CFDT de la Creuse appelle à manifester samedi à Guéret.",
     "Union départementale CFDT de la Creuse"),
    ("La Chambre de commerce et d'industrie de l'Ariège soutient les artisans de Foix.",
     "Chambre de commerce et d'industrie de l'Ariège"),
    ("La CCI de la Manche ouvre une école de commerce à Saint-Lô.",
     "CCI de la Manche"),
    ("Une infirmière du Centre hospitalier de Lens a été blessée par un patient.",
     "Centre hospitalier de Lens"),
    ("Le Centre hospitalier de Carcassonne manque de pédiatres depuis l'automne.",
     "Centre hospitalier de Carcassonne"),
    ("La direction du Centre hospitalier de Vichy a fermé dix lits de chirurgie.",
     "Centre hospitalier de Vichy"),
    ("Le trafic du Grand port maritime de Port-la-Nouvelle a reculé de 5 %.",
     "Grand port maritime de Port-la-Nouvelle"),
    ("Le Grand port maritime de Calais vise un million de camions par an.",
     "Grand port maritime de Calais"),
    ("L'Union régionale CGT d'Auvergne dénonce la fermeture de la fonderie.",
     "Union régionale CGT d'Auvergne"),
    ("L'Union départementale FO du Cantal soutient les agents des routes.",
     "Union départementale FO du Cantal"),
    ("La Chambre de commerce et d'industrie du Jura organise un salon des métiers.",
     "Chambre de commerce et d'industrie du Jura"),
    ("La Chambre de commerce de Bayonne a vendu ses parts dans l'aéroport.",
     "Chambre de commerce de Bayonne"),
    ("La Caisse primaire d'assurance maladie de l'Yonne ferme son accueil d'Avallon.",
     "Caisse primaire d'assurance maladie de l'Yonne"),
    ("La Caisse d'allocations familiales de l'Orne verse une prime de rentrée.",
     "Caisse d'allocations familiales de l'Orne"),
    ("L'Université de Nîmes ouvre une licence de design.",
     "Université de Nîmes"),
    ("L'Université Jean-Monnet a accueilli un colloque sur l'eau.",
     "Université Jean-Monnet"),
    ("L'Office de tourisme de Colmar prévoit une saison record.",
     "Office de tourisme de Colmar"),
    ("L'Agence nationale des chèques-vacances a versé 2 millions d'euros aux associations.",
     "Agence nationale des chèques-vacances"),
    ("Le Centre hospitalier Alpes-Isère recrute des psychiatres.",
     "Centre hospitalier Alpes-Isère"),
    ("Les agents de l'Office national des routes ont bloqué le péage.",
     "Office national des routes"),
]


def main() -> None:
    whole = 0
    for text, name in PROBES:
        found = {m.text: m.label for m in extract_mentions(text, "fr")}
        whole += found.get(name) == "ORG"
        if "-v" in sys.argv:
            print(found.get(name), "|", name, "|", found)
    print(f"{whole}/{len(PROBES)} whole ORG")


if __name__ == "__main__":
    main()
