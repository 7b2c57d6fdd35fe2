"""Hand-written news fixtures for the near-duplicate tests (no evaluation data).

Each story is a list of paragraphs; the helpers build what real syndication looks like:
copies with site chrome, datelines and typos; partial copies that keep a few paragraphs
and add their own; rewritten openings; teasers; and the hard negatives: updated versions,
follow-up stories, and templated wire items that share most of their words.
"""

from __future__ import annotations

import itertools
import random

PORT_STORY = [
    "Port authority reports record container traffic",
    "The national port authority said on Monday that container traffic through its three "
    "main terminals rose by a record margin in the first half of the year, driven by new "
    "shipping lines and a recovery in regional trade.",
    "Terminal operators handled more than two million standard containers between January "
    "and June, the authority said in a statement, an increase it attributed to the opening "
    "of a deep-water berth and longer working hours at the customs gates.",
    "Officials said the expansion of the eastern terminal, which began last year, would add "
    "capacity for another half a million containers once the cranes ordered from abroad "
    "are installed before the end of the summer.",
    "The authority's chairman told reporters that waiting times for ships had fallen to "
    "less than a day on average, compared with almost three days a year earlier, and that "
    "the port would now compete for transshipment business with its larger neighbours.",
    "Shipping agents welcomed the figures but warned that road congestion around the port "
    "remained a problem for importers, with trucks often queuing for hours to collect "
    "goods released by customs.",
    "The government has set a target of doubling the country's port capacity within five "
    "years as part of a wider plan to diversify the economy away from oil revenue.",
]

WATER_STORY = [
    "City council approves new water treatment plant",
    "The city council voted on Wednesday to build a new water treatment plant on the "
    "northern edge of the city, ending a two-year debate over how to supply fast-growing "
    "suburbs that have suffered repeated shortages in the summer months.",
    "The plant will treat up to 300,000 cubic metres of water a day and is expected to cost "
    "about 450 million, according to documents presented to councillors by the municipal "
    "water company.",
    "Council members approved the project by a large majority after engineers presented a "
    "revised design that moves the intake further from the industrial zone, a change "
    "demanded by residents who had raised concerns about pollution.",
    "The mayor said construction would start early next year and take about three years, "
    "during which the city would continue to rely on tanker deliveries for the worst "
    "affected districts.",
    "Opposition councillors said the cost estimate was too optimistic and asked for an "
    "independent audit of the tender process before any contracts are signed.",
]

STORIES_EN = [PORT_STORY, WATER_STORY]

SCHOOL_STORY_AR = [
    "وزارة التعليم تعلن خطة لتطوير المدارس الحكومية",
    "أعلنت وزارة التعليم اليوم الأحد عن خطة شاملة لتطوير المدارس الحكومية خلال السنوات "
    "الثلاث المقبلة، تشمل بناء فصول دراسية جديدة وتحديث المختبرات وتدريب المعلمين على "
    "أساليب التدريس الحديثة.",
    "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن الخطة تستهدف أكثر من ألف مدرسة في "
    "مختلف المناطق، وإن المرحلة الأولى ستبدأ مع بداية العام الدراسي المقبل في المدارس "
    "الأكثر ازدحاماً.",
    "وأضاف أن الوزارة خصصت ميزانية كبيرة لتجهيز المدارس بالحواسيب وشبكات الإنترنت، "
    "إلى جانب برامج لدعم الطلاب الذين يواجهون صعوبات في التعلم.",
    "وأوضح أن الخطة جاءت بعد دراسة ميدانية استمرت عاماً كاملاً شارك فيها مديرو المدارس "
    "وأولياء الأمور، وكشفت عن حاجة ملحة إلى توسيع المباني وتحسين البيئة التعليمية.",
    "ورحب عدد من المعلمين بالخطة، مؤكدين أن تدريب الكوادر التعليمية هو الأساس لأي "
    "تطوير حقيقي، فيما طالب آخرون بزيادة عدد المعلمين لتخفيف الضغط على الفصول.",
]

CHROME_EN = [
    "Home | World | Business | Sport",
    "Share this article",
    "Related stories",
    "Sign up for our daily newsletter",
    "Copyright 2024 The Example Gazette. All rights reserved.",
]

CHROME_AR = [
    "الرئيسية | أخبار محلية",
    "شارك الخبر",
    "اقرأ أيضاً",
    "جميع الحقوق محفوظة لصحيفة المثال 2024",
]


FERRY_STORY = [
    "Ferry capsizes off island coast",
    "Rescuers searched the sea off the island on Thursday for 14 passengers missing after a "
    "ferry carrying 230 people capsized in heavy swell, the coast guard said.",
    "The vessel left the northern port in the early morning and turned over about two hours "
    "later, when waves rose suddenly near a reef that pilots in the area know well.",
    "Fishing boats from nearby villages joined the navy in the search and pulled dozens of "
    "people from the water, many of them clinging to life jackets and pieces of the deck.",
    "The transport minister ordered an inquiry into the ferry's safety certificate and "
    "into reports that it carried more passengers than its licence allowed.",
    "Relatives gathered at the harbour waiting for news, and officials set up a tent where "
    "lists of the rescued were read out every hour through the afternoon.",
    "The island's governor declared three days of mourning and said schools would stay "
    "closed while the search went on, and asked boat owners to keep clear of the reef.",
    "It was the worst accident on the route since a storm sank a cargo boat there, and "
    "residents have long asked for a larger vessel and a second daily crossing.",
]


def text(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def syndicated(paragraphs: list[str], *, chrome: list[str], dateline: str, seed: int) -> str:
    """A copy on another site: its menu and footer, a dateline, a few typos."""
    rng = random.Random(seed)
    body = list(paragraphs[1:])
    words = body[1].split()
    for _ in range(3):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4:
            words[i] = w[0] + w[2] + w[1] + w[3:]
    body[1] = " ".join(words)
    body[0] = dateline + body[0]
    return "\n".join([chrome[0], paragraphs[0], *body, *chrome[1:]])


def partial(paragraphs: list[str], keep: int, extra: list[str]) -> str:
    """An outlet keeps the headline and the first ``keep`` paragraphs, adds its own."""
    return "\n".join([paragraphs[0], *paragraphs[1 : 1 + keep], *extra])


def rewritten_opening(paragraphs: list[str], opening: str) -> str:
    """The first sentence of the lead replaced by the outlet's own wording."""
    lead = paragraphs[1]
    rest = lead.split(". ", 1)[1] if ". " in lead else ""
    return "\n".join([paragraphs[0], opening + (" " + rest if rest else ""), *paragraphs[2:]])


def with_intro(paragraphs: list[str], headline: str, intro: str) -> str:
    """An outlet's copy: a headline of its own, one paragraph of its own about the story,
    then the story from its lead on."""
    return "\n".join([headline, intro, *paragraphs[1:]])


def update(paragraphs: list[str], new_lead: str, new_paras: list[str]) -> str:
    """A wire update: marked headline, a new lead, the first paragraphs, new developments."""
    return "\n".join(["UPDATE 1-" + paragraphs[0], new_lead, *paragraphs[1:3], *new_paras])


def followup(headline: str, paragraphs: list[str], background: str) -> str:
    """A new story that quotes one paragraph of an earlier one as background."""
    return "\n".join([headline, *paragraphs, background])


def weather(day: str, highs: dict[str, int]) -> str:
    """A daily weather bulletin: one template, different numbers every day."""
    lines = [
        f"Weather forecast for {day}",
        f"The national meteorology centre forecast hot and humid weather on {day} across "
        "most regions, with light winds along the coast and a chance of dust in the "
        "interior during the afternoon.",
    ]
    for city, high in highs.items():
        lines.append(
            f"Temperatures in {city} are expected to reach {high} degrees Celsius during "
            f"the day and fall to {high - 12} degrees at night."
        )
    lines.append(
        "The centre advised residents to avoid direct sunlight at midday and to drink "
        "plenty of water, and asked drivers to take care on desert roads."
    )
    return "\n".join(lines)


def relief_flight(number: int, tonnes: int, city: str) -> str:
    """A numbered relief-flight item: the same wording every time."""
    return (
        f"Relief flight {number} arrives in {city}\n"
        f"The {number}th relief flight operated by the humanitarian aid centre landed at "
        f"{city} airport on Thursday carrying {tonnes} tonnes of food, medical supplies "
        "and shelter materials for families affected by the floods.\n"
        "The aid will be distributed by partner organisations in the coming days, the "
        "centre said in a statement, adding that the air bridge would continue until the "
        "needs of the affected population are met."
    )


def cable(country: str, leader: str, occasion: str) -> str:
    """A congratulation cable: one template, a different country and leader."""
    return (
        f"King sends cable of congratulations to President of {country}\n"
        f"The King sent a cable of congratulations to President {leader} of {country} on "
        f"the occasion of {occasion}, expressing his best wishes for the President's good "
        f"health and for the people of {country} continued progress and prosperity.\n"
        "The Crown Prince sent a similar cable of congratulations."
    )


def cables(countries: tuple[str, ...], per: int) -> list[tuple[str, str]]:
    """``per`` cables to the president of each country, a different leader and occasion in
    each (so eight or more repeat a headline: a template line of the corpus)."""
    leaders = ["Ali Hassan", "Tom Brown", "Lee Chen", "Anna Berg", "Omar Said"]
    leaders += ["Maria Lopez", "Kenji Sato", "Ivan Petrov"]
    occasions = ["his re-election", "the new year", "his country's national day"]
    occasions += ["the anniversary of independence"]
    combos = list(itertools.product(leaders, occasions))
    random.Random(0).shuffle(combos)
    return [
        (f"{country}-{i}", cable(country, leader, occasion))
        for country in countries
        for i, (leader, occasion) in enumerate(combos[:per])
    ]


def royal_cable_ar(country: str, leader: str, occasion: str, day: int) -> str:
    """A congratulation cable as Saudi agencies write it: the country, the leader and the
    occasion close together (fewer than three shared words between them), twice."""
    return (
        f"خادم الحرمين الشريفين يهنئ رئيس {country} بذكرى {occasion} لبلاده\n"
        f"الرياض {day} ربيع الأول 1446 هـ الموافق {day} سبتمبر 2024 م واس\n"
        "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة "
        f"الرئيس {leader} رئيس {country} بمناسبة ذكرى {occasion} لبلاده.\n"
        "وأعرب الملك عن أطيب التهاني وأصدق التمنيات بالصحة والسعادة لفخامته ولحكومة وشعب "
        f"{country} الصديق اطراد التقدم والازدهار.\n"
        "كما بعث صاحب السمو الملكي ولي العهد رئيس مجلس الوزراء برقية تهنئة مماثلة لفخامة "
        f"الرئيس {leader} رئيس {country} بمناسبة ذكرى {occasion} لبلاده."
    )


def audience(country: str, day: str = "Sunday") -> str:
    """A protocol item: one template whose only blank is the country, in the headline and
    in the text."""
    return (
        f"Crown Prince receives ambassador of {country}\n"
        f"The Crown Prince received at his office in Riyadh on {day} the ambassador of "
        f"{country} to the Kingdom, who presented his credentials.\n"
        "During the meeting, they reviewed bilateral relations and ways to enhance them in "
        "various fields, in addition to discussing a number of issues of common interest.\n"
        "The meeting was attended by the Minister of Foreign Affairs."
    )


def audience_ar(country: str) -> str:
    """The Arabic protocol item: the country is the blank."""
    return (
        f"ولي العهد يستقبل سفير {country}\n"
        f"استقبل ولي العهد في مكتبه بالرياض اليوم سفير {country} لدى المملكة، الذي قدم "
        "أوراق اعتماده.\n"
        "وجرى خلال الاستقبال استعراض العلاقات الثنائية وسبل تعزيزها في مختلف المجالات، إضافة "
        "إلى بحث عدد من المسائل ذات الاهتمام المشترك.\n"
        "حضر الاستقبال وزير الخارجية."
    )


def market_close(day: str, points: int, percent: str, verb: str = "rose") -> str:
    """A market close: one template, the figures (with decimals) and the day differ, close
    together in one sentence."""
    return (
        f"Stocks {verb} on {day} as investors weighed earnings\n"
        f"The benchmark index {verb} {points} points, or {percent} percent, on {day} as "
        "investors weighed a fresh batch of corporate earnings and economic data.\n"
        "Trading volume was around the average of the past month, with technology and "
        "financial shares among the most active.\n"
        "Analysts said markets were waiting for the central bank's next decision on interest "
        "rates, due later this month."
    )


def decree(name: str, post: str) -> str:
    """An appointment decree: the blank is a full name and a post (several words), in the
    headline and in the text."""
    return (
        f"أمر ملكي بتعيين {name} {post}\n"
        f"صدر أمر ملكي اليوم يقضي بتعيين {name} {post} بالمرتبة الممتازة.\n"
        "ونص الأمر الملكي على أن يبلغ هذا الأمر للجهات المختصة لاعتماده وتنفيذه.\n"
        "ويأتي هذا التعيين في إطار حرص القيادة على تعزيز كفاءة الأجهزة الحكومية وتطوير أدائها."
    )


def condemnation(target: str) -> str:
    """A foreign ministry's statement, issued for each attack under one headline: the
    blank is the target, in the lead only."""
    return (
        "Kingdom condemns terrorist attack\n"
        "The Ministry of Foreign Affairs expressed the Kingdom's strong condemnation and "
        f"denunciation of the bombing that targeted {target}, affirming the Kingdom's stand "
        "with the brotherly people against all threats to their security and stability.\n"
        "The ministry offered its condolences to the families of the victims and to the "
        "government and people of the brotherly country, wishing the injured a speedy recovery."
    )


def condemnation_ar(target: str) -> str:
    """:func:`condemnation` as the Arabic wires word it."""
    return (
        "المملكة تدين الهجوم الإرهابي\n"
        "أعربت وزارة الخارجية عن إدانة المملكة العربية السعودية واستنكارها الشديدين للتفجير "
        f"الإرهابي الذي استهدف {target}، مؤكدة وقوف المملكة إلى جانب الأشقاء ضد كل ما يهدد "
        "أمنهم واستقرارهم.\n"
        "وقدمت الوزارة العزاء والمواساة لذوي الضحايا ولحكومة وشعب البلد الشقيق، مع التمنيات "
        "للمصابين بالشفاء العاجل."
    )


#: A Chinese story and another one on a different topic (no spaces between words).
ZH_STORY = (
    "国务院总理28日主持召开国务院常务会议，部署推进经济工作。会议指出，要加大宏观政策调控力度，"
    "着力扩大国内需求，推动经济持续回升向好。会议强调，要切实做好民生保障工作，确保群众温暖过冬。"
    "会议还研究了其他事项。\n与会人员表示，将认真落实会议精神，确保各项政策措施落地见效，"
    "为明年经济工作开好局、起好步。"
)
ZH_OTHER = (
    "教育部28日发布通知，要求各地做好冬季校园安全工作。通知指出，要加强校园安全隐患排查，"
    "落实安全责任，确保师生安全。通知强调，要做好防寒保暖工作，保障学生正常学习生活。\n"
    "各地教育部门表示，将认真落实通知要求，扎实做好各项工作。"
)


def zh_copy(story: str) -> str:
    """A copy of a Chinese story with its own dispatch opening, one word swapped and a
    sentence dropped."""
    return "新华社北京11月28日电 " + story.replace("着力", "努力").replace(
        "会议还研究了其他事项。", ""
    )


# ---------------------------------------------------------------- a family of look-alikes
BULLETIN = (
    "Weather bulletin\n"
    "The weather office said temperatures in {city} would reach {high} degrees on {day}, "
    "with winds of {wind} km/h from the north and a {rain} percent chance of rain. "
    "Residents were advised to drink water and avoid the sun between noon and four in "
    "the afternoon, the office said in its daily bulletin issued on {day}."
)
_PLACES = [
    a + b
    for a in ("Al", "Bir", "Kas", "Mon", "Tar", "Zel")
    for b in ("ville", "abad", "burg", "stan", "grad", "pur", "ton", "holm")
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def bulletins(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` daily bulletins of one template whose small numbers often coincide (a high of
    18 here is the wind of 18 km/h there), each different from the others."""
    rng = random.Random(seed)
    seen: set[tuple[str, int, str, int, int]] = set()
    docs = []
    while len(docs) < n:
        slots = (
            rng.choice(_PLACES),
            rng.randint(10, 45),
            rng.choice(_DAYS),
            rng.randint(5, 60),
            rng.randint(0, 100),
        )
        if slots in seen:
            continue
        seen.add(slots)
        city, high, day, wind, rain = slots
        docs.append(
            (f"b{len(docs)}", BULLETIN.format(city=city, high=high, day=day, wind=wind, rain=rain))
        )
    return docs
