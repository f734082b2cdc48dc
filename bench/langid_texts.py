# ruff: noqa: E501  (natural-language sentences read better unwrapped)
"""Texts for the language-identification benchmark, written for this project.

Per language: two headlines and one short article on different everyday news topics.
The benchmark derives first sentences and 40-character snippets from the articles.
"""

TEXTS: dict[str, dict[str, object]] = {
    "fa": {
        "headlines": ["افزایش قیمت بلیت مترو تهران از اول مهر", "تیم ملی والیبال ایران به نیمه‌نهایی رسید"],
        "article": (
            "شورای شهر تهران با افزایش ۲۵ درصدی نرخ بلیت مترو و اتوبوس از ابتدای مهرماه موافقت کرد. "
            "به گفته رئیس کمیسیون عمران، درآمد حاصل از این افزایش صرف خرید واگن‌های جدید خواهد شد. "
            "شماری از شهروندان می‌گویند حقوقشان همپای هزینه‌های رفت‌وآمد بالا نرفته است. "
            "مدیرعامل شرکت بهره‌برداری مترو گفت هفت ایستگاه تازه تا پایان سال افتتاح می‌شود."
        ),
    },
    "ar": {
        "headlines": ["ارتفاع أسعار الخبز في الأسواق المحلية للشهر الثالث", "افتتاح معرض الكتاب الدولي بمشاركة أربعين دولة"],
        "article": (
            "أعلنت وزارة التموين أن أسعار الطحين سترتفع بنسبة عشرة في المئة اعتبارا من الشهر المقبل. "
            "وقال المتحدث باسم الوزارة إن القرار جاء بسبب ارتفاع تكاليف الاستيراد والنقل. "
            "وعبر عدد من أصحاب المخابز عن قلقهم من تراجع المبيعات خلال فصل الشتاء. "
            "وتعهدت الحكومة بتقديم دعم مباشر للأسر ذات الدخل المحدود."
        ),
    },
    "ru": {
        "headlines": ["В Москве открылась новая станция метро", "Сборная России по хоккею выиграла товарищеский матч"],
        "article": (
            "Мэрия Москвы сообщила об открытии новой станции на Большой кольцевой линии. "
            "По словам чиновников, станция ежедневно будет принимать до сорока тысяч пассажиров. "
            "Жители соседних районов давно жаловались на переполненные автобусы и пробки. "
            "Строительство заняло почти четыре года и обошлось бюджету дороже, чем планировалось."
        ),
    },
    "uk": {
        "headlines": ["У Києві відкрили новий міст через Дніпро", "Українські школярі здобули три медалі на олімпіаді з фізики"],
        "article": (
            "Міська влада Києва повідомила, що рух новим мостом через Дніпро відкриють у суботу. "
            "За словами інженерів, міст розрахований на пів мільйона автомобілів щомісяця. "
            "Мешканці лівого берега сподіваються, що дорога на роботу стане коротшою. "
            "Будівництво тривало понад десять років і кілька разів зупинялося через брак коштів."
        ),
    },
    "zh": {
        "headlines": ["上海地铁新线路今日开通运营", "国家队在亚洲杯预选赛中取得两连胜"],
        "article": (
            "上海市交通部门宣布，地铁十八号线二期工程今天正式开通运营。"
            "据介绍，新线路全长约十五公里，设有九座车站，预计每天可运送乘客二十万人次。"
            "沿线居民表示，通勤时间将比以前缩短将近半个小时。"
            "有关部门还表示，明年将继续推进另外三条线路的建设。"
        ),
    },
    "ja": {
        "headlines": ["東京の新しい地下鉄路線が開業", "日本代表、アジア予選で二連勝"],
        "article": (
            "東京都は、新しい地下鉄路線が来月一日に開業すると発表した。"
            "新路線は全長およそ十五キロで、九つの駅が設けられ、一日に約二十万人の利用が見込まれている。"
            "沿線の住民からは、通勤時間が短くなることを期待する声が上がっている。"
            "都は来年以降も、さらに二つの路線の延伸を進める方針だ。"
        ),
    },
    "it": {
        "headlines": ["Sciopero dei treni venerdì, a rischio i collegamenti regionali", "La Nazionale di pallavolo vola in semifinale"],
        "article": (
            "I sindacati dei ferrovieri hanno confermato lo sciopero di ventiquattro ore previsto per venerdì. "
            "Secondo le aziende di trasporto, saranno garantiti soltanto i treni delle fasce protette. "
            "Molti pendolari hanno già annunciato che lavoreranno da casa o useranno l'auto. "
            "Il ministro dei Trasporti ha convocato le parti per un incontro all'inizio della prossima settimana."
        ),
    },
    "de": {
        "headlines": ["Bahnstreik legt den Regionalverkehr in Bayern lahm", "Neue Radwege sollen die Innenstadt entlasten"],
        "article": (
            "Die Gewerkschaft der Lokführer hat für Freitag einen ganztägigen Streik angekündigt. "
            "Nach Angaben der Bahn fallen im Regionalverkehr voraussichtlich zwei Drittel der Züge aus. "
            "Viele Pendler wollen auf das Auto umsteigen oder von zu Hause aus arbeiten. "
            "Der Verkehrsminister rief beide Seiten auf, schnell an den Verhandlungstisch zurückzukehren."
        ),
    },
    "es": {
        "headlines": ["Huelga de médicos en los hospitales públicos de Madrid", "El precio del aceite de oliva baja por primera vez en dos años"],
        "article": (
            "Los médicos de los hospitales públicos de Madrid iniciaron este lunes una huelga indefinida. "
            "Según el sindicato convocante, el seguimiento superó el setenta por ciento en la primera jornada. "
            "Los pacientes con citas programadas recibieron mensajes para aplazar sus consultas. "
            "La consejería de Sanidad afirmó que los servicios de urgencias funcionan con normalidad."
        ),
    },
    "fr": {
        "headlines": ["Grève dans les transports parisiens ce jeudi", "Le prix du pain augmente dans les boulangeries"],
        "article": (
            "Les syndicats de la RATP ont appelé à une journée de grève jeudi dans les transports parisiens. "
            "La direction prévoit un trafic très perturbé sur la plupart des lignes de métro et de RER. "
            "De nombreux usagers ont indiqué qu'ils travailleraient depuis leur domicile. "
            "Le gouvernement a invité les partenaires sociaux à reprendre le dialogue dès la semaine prochaine."
        ),
    },
    "en": {
        "headlines": ["Rail strike to halt most commuter trains on Friday", "City council approves new cycle lanes downtown"],
        "article": (
            "Rail unions have confirmed a twenty-four-hour strike that will halt most commuter services on Friday. "
            "Operators said only a skeleton timetable would run on the busiest routes. "
            "Many commuters told reporters they planned to work from home or drive instead. "
            "The transport secretary urged both sides to return to talks before the weekend."
        ),
    },
    "tr": {
        "headlines": ["İstanbul'da toplu taşıma ücretlerine zam geldi", "Milli takım hazırlık maçında galip geldi"],
        "article": (
            "İstanbul Büyükşehir Belediyesi toplu taşıma ücretlerine yüzde yirmi beş zam yapıldığını açıkladı. "
            "Yeni tarife önümüzdeki pazartesi gününden itibaren uygulanacak. "
            "Öğrenciler ve emekliler için indirimli biletlerin fiyatı ise değişmeyecek. "
            "Vatandaşlar artan yakıt maliyetlerinin hayatı zorlaştırdığını söyledi."
        ),
    },
    "pl": {
        "headlines": ["Strajk kolejarzy sparaliżował ruch pociągów na Śląsku", "Nowy most na Wiśle zostanie otwarty w sobotę"],
        "article": (
            "Związkowcy z kolei regionalnych rozpoczęli w poniedziałek strajk ostrzegawczy. "
            "Według przewoźnika odwołano ponad połowę porannych połączeń na Śląsku. "
            "Pasażerowie skarżyli się, że nie otrzymali wcześniej żadnych informacji. "
            "Minister infrastruktury zapowiedział spotkanie z przedstawicielami pracowników jeszcze w tym tygodniu."
        ),
    },
    "el": {
        "headlines": ["Απεργία στα μέσα μαζικής μεταφοράς της Αθήνας", "Νέα αύξηση στις τιμές του ρεύματος από τον Οκτώβριο"],
        "article": (
            "Οι εργαζόμενοι στα μέσα μαζικής μεταφοράς της Αθήνας κήρυξαν εικοσιτετράωρη απεργία για την Πέμπτη. "
            "Σύμφωνα με τα σωματεία, το μετρό και τα λεωφορεία δεν θα κυκλοφορήσουν όλη την ημέρα. "
            "Πολλοί επιβάτες δήλωσαν ότι θα χρησιμοποιήσουν ταξί ή θα δουλέψουν από το σπίτι. "
            "Το υπουργείο Μεταφορών κάλεσε τις δύο πλευρές σε διάλογο."
        ),
    },
    "pt": {
        "headlines": ["Greve dos professores fecha escolas em Lisboa", "Preço da gasolina volta a subir na próxima semana"],
        "article": (
            "Os professores das escolas públicas de Lisboa iniciaram esta segunda-feira uma greve de três dias. "
            "Segundo o sindicato, a adesão ultrapassou os oitenta por cento na primeira manhã. "
            "Muitos pais tiveram de faltar ao trabalho para ficar com os filhos em casa. "
            "O ministério da Educação afirmou que está disponível para retomar as negociações."
        ),
    },
    "nl": {
        "headlines": ["Treinstaking legt regionaal vervoer in Utrecht stil", "Gemeente wil meer fietsenstallingen bij het station"],
        "article": (
            "De vakbonden hebben voor vrijdag een staking van vierentwintig uur aangekondigd bij de regionale treinen. "
            "Volgens de vervoerder rijdt er in de ochtendspits slechts een op de drie treinen. "
            "Veel reizigers zeggen dat ze thuis gaan werken of met de auto naar kantoor gaan. "
            "De minister riep beide partijen op om snel weer met elkaar in gesprek te gaan."
        ),
    },
}

#: Short, name- and number-heavy headlines: the inputs that separate the models
#: (close languages, borrowed names, few function words).
HARD: dict[str, list[str]] = {
    "fa": ["دیدار لاوروف و فیدان در آنکارا", "تورم ۴۰ درصدی در مهرماه"],
    "ar": ["لقاء لافروف وفيدان في أنقرة", "التضخم يبلغ 40 بالمئة"],
    "ru": ["Лавров и Фидан встретились в Анкаре", "Инфляция достигла 7 процентов"],
    "uk": ["Зеленський провів розмову з Макроном", "Інфляція сягнула семи відсотків"],
    "zh": ["拉夫罗夫与菲丹在安卡拉会晤", "十月通胀率升至百分之七"],
    "ja": ["ラブロフ氏とフィダン氏が会談", "物価上昇率、七％に"],
    "it": ["Meloni incontra Macron a Parigi", "Inflazione al 5,3% a settembre"],
    "de": ["Scholz trifft Macron in Paris", "Inflation steigt auf 5,3 Prozent"],
    "es": ["Sánchez se reúne con Macron en París", "La inflación sube al 3,5%"],
    "fr": ["Macron reçoit Scholz à l'Élysée", "L'inflation grimpe à 4,9 %"],
    "en": ["Biden meets Erdogan in New York", "Inflation rises to 3.7%"],
    "tr": ["Erdoğan, Biden ile New York'ta görüştü", "Enflasyon yüzde 61'e yükseldi"],
    "pl": ["Duda spotkał się z Macronem w Paryżu", "Inflacja spadła do 8,2 proc."],
    "el": ["Μητσοτάκης και Ερντογάν στη Νέα Υόρκη", "Ο πληθωρισμός στο 3,5%"],
    "pt": ["Lula recebe Sánchez em Brasília", "Inflação sobe para 5,2% em setembro"],
    "nl": ["Rutte ontmoet Scholz in Berlijn", "Inflatie stijgt naar 6,4 procent"],
}
