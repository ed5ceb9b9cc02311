"""Name pools of the synthetic province: surnames by frequency, gender-appropriate given-name characters."""

from __future__ import annotations

import re

SURNAMES = (
    "王7.1 李7.0 张6.7 刘5.4 陈4.6 杨3.1 黄2.2 赵2.0 吴2.0 周1.9 徐1.4 孙1.3 马1.2 朱1.2 胡1.1 郭1.1 "
    "何1.0 林0.9 高0.9 罗0.9 郑0.8 梁0.8 谢0.7 宋0.7 唐0.7 许0.6 韩0.6 邓0.6 冯0.6 曹0.5 彭0.5 曾0.5 "
    "肖0.5 田0.5 董0.5 潘0.4 袁0.4 蔡0.4 蒋0.4 余0.4 于0.5 杜0.4 叶0.4 程0.4 魏0.4 苏0.3 吕0.3 丁0.3 "
    "任0.3 卢0.3 姚0.3 沈0.3 钟0.3 姜0.4 崔0.3 谭0.3 陆0.3 范0.3 汪0.3 廖0.3 石0.3 金0.3 韦0.2 贾0.3 "
    "夏0.2 付0.2 方0.2 邹0.2 熊0.2 白0.2 孟0.2 秦0.2 邱0.2 侯0.2 江0.2 尹0.2 薛0.2 闫0.2 段0.2 雷0.2 "
    "龙0.1 黎0.1 史0.2 陶0.2 贺0.2 毛0.2 郝0.2 顾0.2 龚0.1 邵0.2 万0.1 武0.1 钱0.1 戴0.1 严0.1 孔0.2 "
    "常0.1 汤0.1 康0.1 乔0.1 葛0.1 庞0.1 牛0.1 房0.1 曲0.1 隋0.1 宫0.1 邢0.1 欧阳0.02 诸葛0.01"
)
MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志峰东亮兵晨成海洪振庆文武彬博昌德"
    "栋锋广贵宏虎家江金坤雷力良民铭启锐瑞山胜盛松腾玮祥翔新兴学毅永元云泽正忠州卫立春光全世长跃进福荣锦岩"
    "源晖哲琦嘉轩豪然睿航"
)
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞秀玲燕红梅琳婷雪慧倩颖洁莉萍琴蕾璐晶欣月媛佳妍薇岚瑶琪悦楠华英凤兰芬菊淑珍荣爱春晓"
    "丹露云莹青美彤萌梦茜婧冰雯娇怡嘉雅婉蓉秋虹珊文蕊莎翠桂宁"
)
MALE_FIRST = "建国志永海宏文德明俊子家振晓春金立学新长成光玉庆兆瑞浩宇天锦红延传继广"
FEMALE_FIRST = "秀丽玉晓春海美雪丹小佳思雨梦欣静红婷慧淑金彩桂凤"


def parse_weighted(text: str) -> list[tuple[str, float]]:
    """"王7.1 李7.0" → [("王", 7.1), ("李", 7.0)]."""
    return [(name, float(weight)) for name, weight in re.findall(r"(\D+?)([\d.]+)", text.replace(" ", ""))]


def unique_chars(text: str) -> tuple[str, ...]:
    """The distinct characters of `text`, in order of first appearance."""
    return tuple(dict.fromkeys(text))
