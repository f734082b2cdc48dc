"""A portal's name glued to a Chinese or Japanese headline ("…全面封闭_江城日报",
"…需求-新华网", "…の見通し｜日経") stayed in the story title; a headline's own hyphen
("中美-东盟…") stays."""

from __future__ import annotations

import pytest

from rashomon.ingest import read_bytes

BODY_ZH = ("<p>记者从武汉市政府获悉，武汉长江大桥于3月4日晚起全面封闭，"
           "原因是工程技术人员在例行检测中发现两座桥墩出现裂缝。</p>"
           "<p>据介绍，该桥日均车流量约为一万二千辆，维修工程预计至少需要六个月。</p>")


@pytest.mark.parametrize("title, headline", [
    ("武汉长江大桥因桥墩裂缝全面封闭_江城日报", "武汉长江大桥因桥墩裂缝全面封闭"),
    ("武汉长江大桥因桥墩裂缝全面封闭-新华网", "武汉长江大桥因桥墩裂缝全面封闭"),
    ("武汉长江大桥因桥墩裂缝全面封闭｜長江ニュース", "武汉长江大桥因桥墩裂缝全面封闭"),
    ("中美-东盟交通部长会议讨论桥梁安全合作", "中美-东盟交通部长会议讨论桥梁安全合作"),
    ("武汉-上海", "武汉-上海"),  # too short a headline to tell a name from
])
def test_a_glued_portal_name_is_cut_from_a_cjk_headline(title, headline):
    page = f"<html lang='zh'><head><title>{title}</title></head><body>{BODY_ZH}</body></html>"
    [item] = list(read_bytes(page.encode(), "wuhan.html"))
    assert item.article.title == headline
