"""extract_source: credit conventions per language, traps that must not fire, the seed.

All texts here are written for these tests (no evaluation data).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import Attribution, extract_source
from newsclean.source import explain_source

SEED_ORIGINAL = Path(__file__).resolve().parent.parent / "seeds" / "000_364726c1157b4527.txt"

# (text, agency, via, where) -- where=None means "any"
POSITIVES: list[tuple[str, str, tuple[str, ...], str | None]] = [
    # ---------------------------------------------------------------- Arabic
    (
        "القاهرة - أ ش أ: أعلنت وزارة الصحة المصرية اليوم عن خطة جديدة للتطعيم.",
        "mena",
        (),
        "dateline",
    ),
    ("القاهرة- أ.ش.أ: قررت الحكومة رفع أسعار الوقود اعتبارا من الغد.", "mena", (), "dateline"),
    (
        "واس- الرياض: أعلنت وزارة التعليم اليوم مواعيد بدء العام الدراسي الجديد.",
        "spa",
        (),
        "dateline",
    ),
    (
        "واس – جدة : استقبل أمير المنطقة وفدا من رجال الأعمال وبحث معهم فرص الاستثمار.",
        "spa",
        (),
        "dateline",
    ),
    (
        "جدة 12 رمضان 1437 هـ الموافق 17 يونيو 2016 م واس\nأعلنت الهيئة العامة "
        "للطيران المدني عن زيادة الرحلات.",
        "spa",
        (),
        "dateline",
    ),
    (
        "بيروت (رويترز) - قال مسؤول لبناني كبير إن الحكومة ستجتمع غدا لبحث الأزمة.",
        "reuters",
        (),
        "dateline",
    ),
    (
        "ارتفعت أسعار النفط في التعاملات الآسيوية اليوم بعد بيانات المخزونات الأمريكية.\n(أ.ف.ب)",
        "afp",
        (),
        "footer",
    ),
    (
        "عنوان الخبر\n\nتراجعت الأسهم الأوروبية في بداية التداولات مع قلق المستثمرين. (د ب أ)",
        "dpa",
        (),
        "footer",
    ),
    (
        "ذكرت وكالة الأنباء الكويتية (كونا) أن مجلس الوزراء وافق على مشروع الميزانية الجديدة.",
        "kuna",
        (),
        "lead",
    ),
    (
        "دبي - وام: أطلقت هيئة الطرق والمواصلات خدمة جديدة للنقل الذكي في المدينة.",
        "wam",
        (),
        "dateline",
    ),
    (
        "المنامة - بنا: استقبل ولي العهد رئيس الوزراء وفدا برلمانيا زائرا اليوم.",
        "bna",
        (),
        "dateline",
    ),
    (
        "رام الله - معا: أصيب ثلاثة شبان برصاص الاحتلال خلال مواجهات في المدينة مساء اليوم.",
        "maan",
        (),
        "dateline",
    ),
    (
        "مسقط - العمانية: افتتح وزير التجارة معرض الصناعات الوطنية بمشاركة واسعة.",
        "ona",
        (),
        "dateline",
    ),
    (
        "نقلت وكالة رويترز عن مصادر مطلعة أن المفاوضات بين الطرفين وصلت إلى مراحلها الأخيرة.",
        "reuters",
        (),
        "lead",
    ),
    (
        "ذكرت وكالة الأنباء السعودية نقلا عن وكالة رويترز أن الاجتماع سيعقد الأسبوع المقبل.",
        "spa",
        ("reuters",),
        "lead",
    ),
    (
        "وقعت الشركتان اتفاقية شراكة جديدة في مجال الطاقة المتجددة، حسبما "
        "أفادت وكالة الأنباء الأردنية.",
        "petra",
        (),
        "lead",
    ),
    (
        'أشاد المدرب بأداء اللاعبين في المباراة الأخيرة. وأكد أهمية المرحلة المقبلة.\n"رويترز"',
        "reuters",
        (),
        "footer",
    ),
    # ---------------------------------------------------------------- Persian
    ("به گزارش خبرگزاری فارس، نشست شورای شهر امروز با حضور اعضا برگزار شد.", "fars", (), "lead"),
    ("به گزارش فارس، قیمت طلا در بازار امروز کاهش یافت.", "fars", (), "lead"),
    (
        "به گزارش خبرنگار گروه سیاسی خبرگزاری تسنیم، جلسه علنی مجلس امروز برگزار شد.",
        "tasnim",
        (),
        "lead",
    ),
    (
        "به گزارش ایرنا به نقل از رویترز، قیمت نفت در بازارهای جهانی افزایش یافت.",
        "irna",
        ("reuters",),
        "lead",
    ),
    ("خبرگزاری مهر - گروه بین‌الملل: وزیر خارجه امروز به مسکو سفر کرد.", "mehr", (), "byline"),
    (
        "علی احمدی در گفت‌وگو با خبرنگار اقتصادی ایسنا اظهار کرد: بازار مسکن آرام است.",
        "isna",
        (),
        "lead",
    ),
    (
        "عنوان خبر\n\nمتن کامل خبر در اینجا آمده است و ادامه دارد.\nمنبع: ایسنا",
        "isna",
        (),
        "footer",
    ),
    # ---------------------------------------------------------------- English
    (
        "WASHINGTON (Reuters) - The Senate passed the spending bill late on Tuesday.",
        "reuters",
        (),
        "dateline",
    ),
    ("LONDON, March 3 (Reuters) - British shares rose on Friday.", "reuters", (), "dateline"),
    (
        "NEW DELHI (AP) — Monsoon rains flooded large parts of the capital on Sunday.",
        "ap",
        (),
        "dateline",
    ),
    (
        "BEIJING, Jan. 5 (Xinhua) -- China's exports grew faster than expected.",
        "xinhua",
        (),
        "dateline",
    ),
    (
        "Storm hits coast (AFP)\n\nAFP - A powerful storm hit the coast on Monday.",
        "afp",
        (),
        "byline",
    ),
    (
        "Markets\n\nStocks fell sharply on Wall Street as investors fled risk.\n\nSource: AFP",
        "afp",
        (),
        "footer",
    ),
    (
        "Headline\n\nThe ceasefire collapsed within hours of taking effect "
        "overnight.\n(Reuters/AFP)",
        "reuters",
        ("afp",),
        "footer",
    ),
    (
        "The central bank raised its key rate by half a point on Tuesday, according to Reuters.",
        "reuters",
        (),
        "lead",
    ),
    (
        "Iran's semi-official Fars news agency, citing IRNA, reported on "
        "Monday that talks had resumed.",
        "fars",
        ("irna",),
        "lead",
    ),
    ("Quarterly profit rose 4 pct on higher sales.\n Reuter", "reuters", (), "footer"),
    # ---------------------------------------------------------------- French
    (
        "PARIS (AFP) - Le gouvernement a présenté mercredi son projet de budget.",
        "afp",
        (),
        "dateline",
    ),
    (
        "Les syndicats ont appelé à une nouvelle journée de grève jeudi dans "
        "les transports. (ats/nxp)",
        "ats",
        (),
        "footer",
    ),
    (
        "Selon l'AFP, le président a reçu mardi les représentants des agriculteurs à l'Elysée.",
        "afp",
        (),
        "lead",
    ),
    (
        "Le trafic ferroviaire reprend progressivement après la panne de lundi soir.\n(Belga)",
        "belga",
        (),
        "footer",
    ),
    (
        "D'après l'agence Reuters, les négociations reprendront la semaine prochaine à Genève.",
        "reuters",
        (),
        "lead",
    ),
    # ---------------------------------------------------------------- German
    (
        "Berlin (dpa) - Die Bundesregierung will das Gesetz noch vor der Sommerpause beschließen.",
        "dpa",
        (),
        "dateline",
    ),
    (
        "Wien – Der Nationalrat hat am Mittwoch das neue Budget beschlossen.  (APA, 12.3.2016)",
        "apa",
        (),
        "footer",
    ),
    (
        "Athen – Bei einem Fährunglück sind mindestens drei Menschen "
        "gestorben.  (APA/dpa, 4.2.2016)",
        "apa",
        ("dpa",),
        "footer",
    ),
    ("Die Preise stiegen im Jahresvergleich um zwei Prozent. (red, APA)", "apa", (), "footer"),
    (
        "Laut der Nachrichtenagentur Reuters will der Konzern tausende Stellen streichen.",
        "reuters",
        (),
        "lead",
    ),
    (
        "Überschrift\n\nDer Text des Artikels steht hier und geht weiter.\nQuelle: dpa",
        "dpa",
        (),
        "footer",
    ),
    # ---------------------------------------------------------------- Turkish
    (
        "Başlık\n\nBakan açıklamasında yeni tedbirleri duyurdu.  Kaynak: AA  Konular: Türkiye",
        "aa",
        (),
        "footer",
    ),
    (
        "Başlık\n\nMeclis yeni yasayı kabul etti.  Kaynak: DHA, Reuters  Etiketler: Meclis",
        "dha",
        ("reuters",),
        "footer",
    ),
    ("İSTANBUL (AA) - Borsa güne yükselişle başladı.", "aa", (), "dateline"),
    (
        "Kazada iki kişi yaralandı\n\nAhmet YILMAZ/KONYA, (DHA)  Konya'da "
        "meydana gelen kazada iki kişi yaralandı.",
        "dha",
        (),
        "byline",
    ),
    (
        "Kazada iki kişi yaralandı\n\nİHA  Kayseri'de meydana gelen kazada iki kişi yaralandı.",
        "iha",
        (),
        "byline",
    ),
    (
        "Anadolu Ajansı'nın haberine göre, deprem sabah saatlerinde bölgede hissedildi.",
        "aa",
        (),
        "lead",
    ),
    (
        "Bakan açıklama yaptı\n\nDışişleri Bakanı AA'ya konuştu, bölgedeki "
        "gelişmeleri değerlendirdi.",
        "aa",
        (),
        "lead",
    ),
    # ---------------------------------------------------------------- Spanish
    (
        "MADRID (EFE) - El Gobierno aprobó este martes el nuevo plan de empleo.",
        "efe",
        (),
        "dateline",
    ),
    (
        "Titular\n\nEl Congreso aprobó la reforma con amplia mayoría este "
        "jueves.\nFuente: Europa Press",
        "europa_press",
        (),
        "footer",
    ),
    ("Según la agencia EFE, el incendio ya está controlado en la zona norte.", "efe", (), "lead"),
]

NEGATIVES: list[tuple[str, str]] = [
    # body mentions
    (
        "ar-told",
        "قال المتحدث باسم الوزارة لرويترز إن المحادثات مستمرة منذ أيام.\nوأضاف أن الاتفاق قريب.",
    ),
    (
        "ar-could-not-verify",
        "انتشر مقطع فيديو على مواقع التواصل يظهر آثار القصف.\nولم تستطع رويترز "
        "التثبت من صحة الفيديو.",
    ),
    (
        "ar-body-agency",
        "عنوان\n\nبدأت اليوم أعمال القمة بحضور القادة.\n\nوفي سياق آخر، قالت "
        "وكالة الأنباء السورية (سانا) إن "
        "الاجتماع انتهى.\n\nوتستمر القمة حتى الغد.",
    ),
    (
        "en-told",
        "The minister told Reuters on Tuesday that the deal was nearly done.\nTalks continue.",
    ),
    (
        "en-body",
        "Headline\n\nOfficials met for hours on Monday.\n\nLater the "
        "Associated Press reported that talks "
        "had stalled over a single clause.\n\nNo date was set for the next round.",
    ),
    (
        "fr-declared",
        "« Nous allons continuer », a déclaré à l'AFP le porte-parole du mouvement samedi.",
    ),
    (
        "fr-obtained",
        "Plus de 5000 personnes ont manifesté samedi, selon des chiffres obtenus par l'AFP.",
    ),
    ("de-said-to", "Das sei ein guter Tag für alle, sagte der Bürgermeister der APA am Montag."),
    ("de-apa-anfrage", "Auf APA-Anfrage hieß es aus dem Ministerium, man prüfe den Fall."),
    # photo credits
    ("ar-photo", "زار الوفد المعرض واطلع على أجنحته المختلفة. الصور من «واس»"),
    ("en-photo", "Storm damage in the city.\nPhoto: AFP\nResidents cleaned up on Monday."),
    (
        "fr-photo",
        "Le prêtre a été tué lundi.\n\nPhoto:  Agence France-Presse\nLa messe a été interrompue.",
    ),
    ("tr-photo", "Başlık\n\nTören renkli görüntülere sahne oldu.  Fotoğraf: AA  Devamı"),
    ("de-photo", "Der Minister bei der Pressekonferenz.  Foto: APA/Helmut Fohringer"),
    # generic credits
    ("ar-generic", "سبق- وكالات: أعلنت وكالة الفضاء الأمريكية نجاح إطلاق المركبة الجديدة."),
    ("ar-generic-2", "عين اليوم – متابعات\nتداول ناشطون مقطع فيديو لحادث مروري."),
    ("en-generic", "Headline\n\nThe summit ended without a joint statement.\n(Agencies)"),
    # homographs
    ("ar-bna", "فساتين تعود بنا إلى أناقة الخمسينات من القرن الماضي بتفاصيلها الغنية."),
    ("ar-maan", "نحن بحاجة إلى العلم والإيمان معا في هذا العصر."),
    ("ar-omani", "زار الوفد العاصمة العمانية مسقط والتقى عددا من المسؤولين."),
    ("fa-persian-gulf", "کشتی‌های تجاری در خلیج فارس با امنیت کامل تردد می‌کنند."),
    ("fa-mehr", "پرونده با مهر و امضای قاضی به دادگاه ارسال شد."),
    (
        "tr-drone",
        "İsrail ordusu ilk kez İHA kullandı\n\nOrdu, sınırdaki olaylara İHA ile müdahale etti.",
    ),
    ("tr-ankara", "ANKARA - Başbakan bugün kabine toplantısı sonrası açıklama yaptı."),
    ("tr-anka-s", "Hava Kuvvetleri'ndeki ANKA-S sayısı altıya yükseldi."),
    (
        "en-ticker",
        "PanCanadian, 87 pct-owned by Canadian Pacific Ltd <CP>, said it would sell the unit.",
    ),
    # non-agency outlets
    ("tr-outlet", "Başlık\n\nParti lideri açıklama yaptı.  Kaynak: Al Jazeera  Konular: Siyaset"),
    ("en-outlet", "TiVo loss widens\n\nSAN FRANCISCO (CBS.MW) - TiVo said its loss widened."),
    ("en-bare-dateline", "Rain delays match\n\nLONDON - Rain delayed the final on Sunday."),
    ("en-apposition", "The ministry's statement was carried by the Saudi Press Agency (SPA)."),
]


@pytest.mark.parametrize(
    ("text", "agency", "via", "where"),
    POSITIVES,
    ids=[p[1] + "-" + str(i) for i, p in enumerate(POSITIVES)],
)
def test_positive_credit_forms(
    text: str, agency: str, via: tuple[str, ...], where: str | None
) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    assert (res.agency, res.via) == (agency, via), (res, explain_source(text))
    if where is not None:
        assert res.where == where, res
    assert text[res.span[0] : res.span[1]] == res.line
    assert 0.0 < res.confidence <= 1.0


@pytest.mark.parametrize(("name", "text"), NEGATIVES, ids=[n for n, _ in NEGATIVES])
def test_traps_do_not_fire(name: str, text: str) -> None:
    res = extract_source(text)
    assert res is None, (name, res, explain_source(text))


def test_seed_footer_isna_relaying_anadolu() -> None:
    text = SEED_ORIGINAL.read_text(encoding="utf-8")
    res = extract_source(text)
    assert isinstance(res, Attribution)
    assert res.agency == "isna"
    assert res.via == ("aa",)  # Anadolu Agency's canonical id in the registry is "aa"
    assert res.line == "المصدر : وكالة ايسنا للأنباء."
    assert res.where == "footer"
    assert text[res.span[0] : res.span[1]] == res.line
    assert res.name == "Iranian Students' News Agency"


def test_dateline_city_and_line() -> None:
    res = extract_source(
        "Rain hits capital\n\nSANTIAGO, Chile (Reuters) - Heavy rain fell on Monday."
    )
    assert res is not None
    assert res.line == "SANTIAGO, Chile (Reuters) -"
    assert res.city == "SANTIAGO, Chile"
    res = extract_source("القاهرة - أ ش أ: نص الخبر هنا ويستمر.")
    assert res is not None and res.city == "القاهرة"


def test_confidence_orders_conventions() -> None:
    dateline = extract_source("WASHINGTON (Reuters) - The Senate passed the bill.")
    lead = extract_source("The bill passed on Tuesday, according to Reuters.")
    assert dateline is not None and lead is not None
    assert dateline.confidence > lead.confidence


def test_footer_beats_lead_framing_and_gives_via() -> None:
    text = (
        "Titre\n\nLe sommet s'est ouvert lundi à Bruxelles en présence des "
        "dirigeants européens.\n\n"
        "Selon Reuters, les discussions porteront sur le budget.\n\nLa suite "
        "est attendue mardi.\n(Belga)"
    )
    res = extract_source(text)
    assert res is not None and res.agency == "belga" and res.via == ("reuters",)


def test_explain_lists_photo_credit() -> None:
    notes = explain_source("Photo: AFP")
    assert any("photo" in n for n in notes)


def test_lang_breaks_ties_for_shared_abbreviations() -> None:
    de = extract_source("Die Regierung tagte am Montag in Wien.  (APA)", lang="de")
    fr = extract_source("Le gouvernement s'est réuni lundi à Dakar.  (APA)", lang="fr")
    assert de is not None and de.agency == "apa"
    assert fr is not None and fr.agency == "apanews"
    guessed = extract_source(
        "Le gouvernement s'est réuni lundi à Dakar pour la première fois.  (APA)"
    )
    assert guessed is not None and guessed.agency == "apanews"


MORE_POSITIVES: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "NEW YORK, May 5, 2015 /PRNewswire/ -- Acme Corp. today announced record results.",
        "prnewswire",
        (),
    ),
    (
        "SAN JOSE, Calif.--(BUSINESS WIRE)--Acme Inc. reported higher quarterly revenue.",
        "businesswire",
        (),
    ),
    (
        "Titre\n\nLe gouvernement a annoncé de nouvelles mesures pour les "
        "agriculteurs mardi.\n(avec AFP)",
        "afp",
    ),
    (
        "Headline\n\nThe federal budget will be tabled next week, officials "
        "said.\n\nWith files from The Canadian Press",
        "cp",
    ),
    (
        "Headline\n\nThe state government announced new rules for drones on Monday, "
        "officials said.\n(With inputs from PTI)",
        "pti",
    ),
    (
        "Headline\n\nThe state government announced new rules for drones on Monday, "
        "officials said.\n(With PTI inputs)",
        "pti",
    ),
    (
        "Headline\n\nThe state government announced new rules for drones on Monday, "
        "officials said.\nWith PTI and Reuters inputs.",
        "pti",
        ("reuters",),
    ),
    (
        "Titre\n\nAgence France-Presse à Paris\n\nLe président a reçu les syndicats lundi soir.",
        "afp",
    ),
    ("عين اليوم – واس\nأعلنت وزارة الداخلية عن ضبط شبكة لتهريب المخدرات.", "spa"),
    ("معا - رام الله\nأصيب شابان برصاص الاحتلال قرب المدينة مساء اليوم.", "maan"),
    (
        "به گزارش گروه بین‌الملل خبرگزاری فارس به نقل از رویترز، قیمت نفت امروز افزایش یافت.",
        "fars",
        ("reuters",),
    ),
    ("به گزارش خبرنگار اقتصادی فارس، بازار سرمایه امروز رشد کرد.", "fars"),
    ("محمد رضایی در گفت‌وگو با فارس گفت: طرح جدید به زودی اجرا می‌شود.", "fars"),
    (
        "Bakan açıklama yaptı\n\nBakan Yılmaz, AA muhabirine yaptığı "
        "açıklamada yeni projeyi anlattı.",
        "aa",
    ),
    ("Başlık\n\nKazada üç kişi yaralandı, ekipler bölgeye sevk edildi.  Kaynak: İHA", "iha"),
]
MORE_POSITIVES = [(t[0], t[1], t[2] if len(t) > 2 else ()) for t in MORE_POSITIVES]  # type: ignore[misc]

MORE_NEGATIVES: list[str] = [
    "به گزارش خبرنگار ما از خلیج فارس، کشتی‌ها امروز در بندر پهلو گرفتند.",
    "Le ministre s'est entretenu avec des représentants de l'AFP et de Reuters lors de sa visite.",
    "Das Interview führte die Redaktion mit Material von Partnern aus der Region.",
    "وأبلغ سكان القرية “رويترز” أن أسرة مرموقة تجبر منذ سنوات أطفالا على العمل.",
    # a bare "with" credits only with its suffix word ("With PTI inputs")
    "Headline\n\nThe minister announced new rules on Monday.\nShe spoke with PTI on Monday.",
    "Headline\n\nThe minister announced new rules on Monday.\nWith PTI inputs and photos",
]


@pytest.mark.parametrize(("text", "agency", "via"), MORE_POSITIVES)
def test_more_credit_forms(text: str, agency: str, via: tuple[str, ...]) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    assert (res.agency, res.via) == (agency, via), (res, explain_source(text))


@pytest.mark.parametrize("text", MORE_NEGATIVES)
def test_more_traps(text: str) -> None:
    assert extract_source(text) is None, explain_source(text)


EXTRA_POSITIVES: list[tuple[str, str, tuple[str, ...]]] = [
    ("Net profit rose to 4.5 mln dlrs.\n Reuter&#3;", "reuters", ()),
    (
        "Phishing Curbs Seen\n\n&lt;p&gt; By Jane Roe&lt;/p&gt;&lt;p&gt; SAN FRANCISCO (Reuters) - "
        "A former official predicted on Wednesday that fraud would fall.",
        "reuters",
        (),
    ),
    (
        "به گزارش گروه بین‌الملل خبرگزاری فارس به نقل از «رویترز»، مذاکرات امروز از سر گرفته شد.",
        "fars",
        ("reuters",),
    ),
    (
        "Yangın kontrol altına alındı\n\nAA muhabirinin edindiği bilgiye göre, yangın sabah çıktı.",
        "aa",
        (),
    ),
    (
        "Yangın kontrol altına alındı\n\nAA muhabirinin aldığı bilgiye göre, yangın sabah çıktı.",
        "aa",
        (),
    ),
    # South Africa's government news agency signs its stories with its domain
    (
        "Johannesburg - The government on Tuesday approved a scheme to support farmers in "
        "drought-hit districts.\n- SAnews.gov.za",
        "sanews",
        (),
    ),
    # a co-credit footer opened by a dash
    (
        "Titre\nLe gouvernement a annoncé mardi un plan pour les agriculteurs.\nLes "
        "syndicats ont salué la mesure.\n— Avec l'AFP",
        "afp",
        (),
    ),
    # an Arabic dateline group without a dash: a place and a date before it
    (
        "الرياض 28 نوفمبر 2026 (واس) أعلنت الحكومة اليوم عن خطة جديدة لدعم قطاع الطاقة.\n"
        "وقال الوزير إن الخطة تشمل تقديم دعم مباشر للأسر.",
        "spa",
        (),
    ),
    # relays after a reporting verb, and passive relays (the relaying agency is credited)
    (
        "Rates on hold\nRussia's central bank will keep rates on hold, Reuters reported, "
        "citing Interfax.\nThe decision is due on Friday.",
        "reuters",
        ("interfax",),
    ),
    (
        "Plan approved\nThe government approved the plan on Tuesday, AFP quoted Xinhua as "
        "saying.\nIt takes effect next month.",
        "afp",
        ("xinhua",),
    ),
    (
        "Plan approved\nAccording to Xinhua, cited by AFP, the government approved the plan on "
        "Tuesday.\nIt takes effect next month.",
        "afp",
        ("xinhua",),
    ),
    (
        "Plan approuvé\nSelon l'agence Chine nouvelle, citée par l'AFP, le gouvernement a "
        "approuvé le plan mardi.\nIl entre en vigueur le mois prochain.",
        "afp",
        ("xinhua",),
    ),
    # a co-credit closed by a phrase after the agencies, with or without a cue before them
    (
        "Storm hits coast\nA powerful storm hit the coast on Tuesday, officials said.\nThe "
        "storm weakened overnight.\nThe Associated Press contributed to this report.",
        "ap",
        (),
    ),
    (
        "Storm hits coast\nA powerful storm hit the coast on Tuesday, officials said.\nThe "
        "storm weakened overnight.\nReuters and AFP contributed reporting.",
        "reuters",
        ("afp",),
    ),
    (
        "Storm hits coast\nA powerful storm hit the coast on Tuesday, officials said.\nThe "
        "storm weakened overnight.\nMaterial from Reuters was used in this report.",
        "reuters",
        (),
    ),
    # a source label whose agency relays another, and Arabic co-credit footers
    (
        "عنوان\nدولت امروز طرح جدیدی را برای حمایت از بخش انرژی اعلام کرد.\n"
        "وزیر گفت این طرح از ماه آینده اجرا می‌شود.\nمنبع: خبرگزاری فارس به نقل از رویترز",
        "fars",
        ("reuters",),
    ),
    (
        "عنوان الخبر\nأعلنت الحكومة اليوم عن خطة جديدة لدعم قطاع الطاقة.\n"
        "وقال الوزير إن الخطة تبدأ الشهر المقبل.\nبتصرف عن رويترز",
        "reuters",
        (),
    ),
    (
        "عنوان الخبر\nأعلنت الحكومة اليوم عن خطة جديدة لدعم قطاع الطاقة.\n"
        "وقال الوزير إن الخطة تبدأ الشهر المقبل.\nالمصدر: وكالة الأنباء الفرنسية",
        "afp",
        (),
    ),
    # agency nouns between a source label and the name
    (
        "عنوان الخبر\nأعلنت الحكومة اليوم عن خطة جديدة لدعم قطاع الطاقة.\n"
        "وقال الوزير إن الخطة تبدأ الشهر المقبل.\nالمصدر: وكالة أنباء شينخوا",
        "xinhua",
        (),
    ),
    (
        "Storm hits coast\nA powerful storm hit the coast on Tuesday, officials said.\nThe "
        "storm weakened overnight.\nSource: the news agency Reuters",
        "reuters",
        (),
    ),
    # nationality adjectives around the agency noun, also before a homograph (تاس)
    (
        "ذكرت وكالة الأنباء الروسية تاس أن العاصفة ضربت الساحل اليوم.\nوضعفت العاصفة خلال الليل.",
        "tass",
        (),
    ),
    (
        "Tempête\nSelon l'agence chinoise Chine nouvelle, la tempête a frappé la côte mardi.\n"
        "Elle a faibli dans la nuit.",
        "xinhua",
        (),
    ),
    (
        "Storm hits coast\nA powerful storm hit the coast on Tuesday, officials said.\nThe "
        "storm weakened overnight.\nSource: Russian news agency TASS",
        "tass",
        (),
    ),
    # a reporting verb after an agency that its noun precedes, closing the first sentence
    (
        "Plan approved\nThe government approved the plan on Tuesday, state news agency SPA "
        "said.\nThe plan takes effect next month.",
        "spa",
        (),
    ),
    # byline bars and staff credits above the story
    (
        "Storm hits coast\nReuters | Updated: Nov 28, 2026 14:35 IST\nA powerful storm hit "
        "the coast on Tuesday, officials said.\nThe storm weakened overnight.",
        "reuters",
        (),
    ),
    (
        "Storm hits coast\nPTI | New Delhi | Updated: Nov 28, 2026\nA powerful storm hit "
        "the coast on Tuesday, officials said.\nThe storm weakened overnight.",
        "pti",
        (),
    ),
    (
        "Storm hits coast\nBy Reuters Staff\nA powerful storm hit the coast on Tuesday, "
        "officials said.\nThe storm weakened overnight.",
        "reuters",
        (),
    ),
    (
        "Storm hits coast\nWritten by: AFP\nA powerful storm hit the coast on Tuesday, "
        "officials said.\nThe storm weakened overnight.",
        "afp",
        (),
    ),
    # "and" joining a Persian relay
    (
        "به گزارش ایسنا و به نقل از خبرگزاری فرانسه، دولت امروز طرح جدیدی را اعلام کرد.\n"
        "وزیر گفت این طرح از ماه آینده اجرا می‌شود.",
        "isna",
        ("afp",),
    ),
    # a partner's republishing note closing the story
    (
        "Storm hits coast\nA powerful storm hit the coast on Tuesday, officials said.\nThe "
        "storm weakened overnight.\nThis story was originally published by Reuters.",
        "reuters",
        (),
    ),
]

EXTRA_NEGATIVES: list[str] = [
    "Headline\n\nThe mayor told The Associated Press on Monday that the bridge would reopen soon.",
    "Thomson Reuters said on Thursday its quarterly revenue rose 3 percent.\nShares were flat.",
    "عنوان\n\nبدأ الاجتماع صباح اليوم في العاصمة بحضور الوزراء المعنيين بالملف.\n\n"
    "وأكد الوزير أن المفاوضات مستمرة بحسب الوكالة الرسمية (سانا).\n\n"
    "ومن المقرر أن يستأنف الاجتماع غدا لمناقشة البنود المتبقية من جدول الأعمال.\n\n"
    "وتأتي هذه الجولة بعد أسابيع من التوتر بين الطرفين في المنطقة الحدودية.",
    # "By" before an agency is not always a byline ...
    "Storm hits coast\nBy the way AFP said\nA powerful storm hit the coast on Tuesday.",
    "Storm\nBy train and bus, AFP reporters travelled to the coast on Tuesday to see it.",
    # ... nor "originally published by" inside a sentence a republishing note ...
    "Storm hits coast\nThe report, originally published by Reuters in 2019, said the storm "
    "would hit the coast on Tuesday.\nThe storm weakened overnight.",
    # ... nor a date and a comma before it a dateline
    "In Baku, on November 28, AFP. The talks ended.",
    "Prices\nOfficials said on November 28, Reuters. reported that prices rose.",
    # ... nor a place and a comma before it when the "place" opens with a function word
    "In Tehran, IRNA - the state agency - reported that the minister met his counterpart.",
    # a homograph ("RSS" is Nepal's agency and a feed) only in a dateline group
    "Subscribe to our RSS feed for the latest news from the region, updated daily.",
    "(RSS) The government approved the plan on Tuesday after a long debate.",
    # an Arabic group after words that are no place and date, or after a function word
    "وقال وزير الصحة (واس) إن الحكومة أعلنت اليوم عن خطة جديدة لدعم قطاع الطاقة.\n"
    "وقال الوزير إن الخطة تشمل تقديم دعم مباشر للأسر.",
    "في عام 2020 (واس) أعلنت الحكومة عن خطة جديدة لدعم قطاع الطاقة.\n"
    "وقال الوزير إن الخطة تشمل تقديم دعم مباشر للأسر.",
    # a bare "Reuters said" closing the first sentence is not read (often a mention)
    "Plan approved\nThe government approved the plan on Tuesday, Reuters said.\nThe plan "
    "takes effect next month.",
    # a bar after the agency that opens sentences is no byline
    "Storm hits coast\nReuters | The storm hit. It was bad.\nA powerful storm hit the coast "
    "on Tuesday, officials said.",
    # a nationality adjective alone is no agency noun before a homograph
    "العاصفة\nقالت الحكومة الروسية تاس إن العاصفة ضربت الساحل اليوم.\nوضعفت العاصفة.",
    # the closing phrase inside a sentence of the story
    "Storm\nA powerful storm hit the coast on Tuesday, officials said.\nReuters contributed "
    "to this report, officials said after the storm.\nThe storm weakened overnight.",
    # a reporting verb and a relay word without a second agency: no relay, no mention
    "Rates\nThe central bank will keep rates on hold, it reported, citing a source.",
    # a past time after the verb: an earlier report recalled, not this story's credit
    "Sale\nBloomberg reported last week that the group was exploring a sale of its unit.\n"
    "The group declined to comment on Monday.",
    "Sale\nThe group is exploring a sale of its unit, state news agency SPA reported earlier.",
    "Vente\nReuters a rapporté la semaine dernière que le groupe étudiait une vente.",
]


@pytest.mark.parametrize(("text", "agency", "via"), EXTRA_POSITIVES)
def test_extra_credit_forms(text: str, agency: str, via: tuple[str, ...]) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    assert (res.agency, res.via) == (agency, via), (res, explain_source(text))


@pytest.mark.parametrize("text", EXTRA_NEGATIVES)
def test_extra_traps(text: str) -> None:
    assert extract_source(text) is None, explain_source(text)


def test_lead_mention_with_reporting_verb_is_not_a_relay() -> None:
    text = (
        "عنوان\n\nاستقبل الوزير وفدا رسميا في مكتبه صباح اليوم وبحث معه التعاون.\n\n"
        "وقالت وكالة رويترز إن الزيارة تستمر يومين.\n\nوتستمر المحادثات غدا.\n(واس)"
    )
    res = extract_source(text)
    assert res is not None and res.agency == "spa" and res.via == ()


@pytest.mark.parametrize(
    ("text", "agency", "via"),
    [
        (
            "Ölpreis steigt\nMoskau – Russland will die Fördermenge im Sommer kürzen, meldete "
            "die Nachrichtenagentur TASS am Mittwoch unter Berufung auf das "
            "Energieministerium.\nDie Opec berät in der kommenden Woche.\n(APA, 4.5.2016)",
            "apa",
            ("tass",),
        ),
        (
            "PEKÍN, 5 jun (EFE).- Al menos 12 personas murieron por las lluvias en el sur del "
            "país, informó este miércoles la agencia oficial Xinhua.\nLas autoridades "
            "evacuaron a miles de vecinos.",
            "efe",
            ("xinhua",),
        ),
        # the verb's subject is not the agency: "..., said the minister, asked by Reuters"
        (
            "PARIS, 5 juin (AFP) - Le gouvernement va baisser les taxes, a indiqué mercredi le "
            "ministre, interrogé par l'agence Reuters sur ce point.\nLa mesure coûtera cher.",
            "afp",
            (),
        ),
        # "according to" after a comma, the agency named as one or closing the sentence
        (
            "RAMALLAH (Reuters) - Two Palestinians were killed in Jenin on Tuesday, according "
            "to the official news agency WAFA.\nThe army said it had arrested three men.",
            "reuters",
            ("wafa",),
        ),
        (
            "BEIJING (AFP) - Retail sales rose 3 percent in May, according to Xinhua.\n"
            "Economists had expected a smaller rise.",
            "afp",
            ("xinhua",),
        ),
        # a homograph alias ("Anadolu") is relayed when an agency noun names it
        (
            "MADRID, 2 Ene. (EUROPA PRESS) -\nLa policía turca ha detenido a 33 personas, "
            "según ha informado la agencia de noticias turca Anadolu.",
            "europa_press",
            ("aa",),
        ),
        # not a relay: the agency's figures, or the homograph as a place
        (
            "LONDON (Reuters) - The sector fell 3 percent in May, according to Reuters "
            "calculations.\nShares of miners led the fall.",
            "reuters",
            (),
        ),
        (
            "MADRID (EUROPA PRESS) - La policía ha detenido a 33 personas en la región de "
            "Anadolu, según la fiscalía.\nLos detenidos pasarán a disposición judicial.",
            "europa_press",
            (),
        ),
    ],
)
def test_a_reporting_verb_or_according_to_before_the_agency_after_a_comma_is_a_relay(
    text: str, agency: str, via: tuple[str, ...]
) -> None:
    res = extract_source(text)
    assert res is not None and (res.agency, res.via) == (agency, via), explain_source(text)


@pytest.mark.parametrize(
    ("text", "agency", "via", "where"),
    [
        # a wire's end-of-story marker before its name
        (
            "Copper falls\nCopper fell to a three-week low on Thursday as weak Chinese trade "
            "data revived concerns about demand from the biggest consumer of the metal.\n"
            "Three-month copper on the London Metal Exchange fell 1.2% to $8,412 a ton, and "
            "aluminium and zinc also fell.\n"
            "(END) Dow Jones Newswires\nMarch 07, 2024 05:14 ET (10:14 GMT)",
            "dow_jones",
            (),
            "footer",
        ),
        # the agency, then its place in brackets, on a line of its own
        (
            "حملة للتطعيم\nواس (الرياض)\nأطلقت وزارة الصحة اليوم حملة التطعيم ضد الإنفلونزا "
            "الموسمية في جميع مناطق المملكة.",
            "spa",
            (),
            "dateline",
        ),
        # "wrote:" names the agency as the author
        (
            "وزير الري يتابع تطهير الترع\nكتب: أ.ش.أ\nتابع وزير الموارد المائية والري أعمال "
            "تطهير الترع والمصارف بالمحافظات.",
            "mena",
            (),
            "byline",
        ),
        (
            "Snap election\nColombo: The president dissolved parliament on Tuesday and called "
            "an election.\n(With input from AFP and Reuters)",
            "afp",
            ("reuters",),
            "footer",
        ),
        # the credit sentence relays another agency; the verb may go on with its source
        (
            "ТОКИО, 22 декабря. /ТАСС/. Правительство Японии одобрило рекордный оборонный "
            "бюджет. Об этом сообщило агентство Киодо.",
            "tass",
            ("kyodo",),
            "dateline",
        ),
        (
            "AFP - Japan's defence ministry will seek a record budget for the next fiscal "
            "year, Kyodo News reported, citing government sources.",
            "afp",
            ("kyodo",),
            "byline",
        ),
    ],
)
def test_credit_conventions_of_archives_and_house_styles(
    text: str, agency: str, via: tuple[str, ...], where: str
) -> None:
    res = extract_source(text)
    assert res is not None and (res.agency, res.via, res.where) == (agency, via, where), (
        explain_source(text)
    )


def test_a_bracketed_image_caption_is_no_credit() -> None:
    caption = "[Protesters hold banners on the Place de la Bastille in Paris (AFP)]"
    text = f"France strikes\nBy our correspondent\n{caption}\nHundreds of thousands marched."
    assert extract_source(text) is None, explain_source(text)
    # a credit alone in brackets is still one
    res = extract_source("France strikes\n[AFP]\nHundreds of thousands marched on Tuesday.")
    assert res is not None and res.agency == "afp"


def test_a_homograph_the_story_uses_as_a_word_is_no_dateline() -> None:
    # "قنا" is Qena, an Egyptian province, here: its reporter's byline, then its governor
    text = (
        "محافظ قنا يتفقد أعمال تطوير الكورنيش\nقنا - محمود الصاوي\n"
        "تفقد محافظ قنا صباح اليوم أعمال تطوير كورنيش النيل بمدينة نجع حمادي."
    )
    assert extract_source(text) is None, explain_source(text)
    # used once, before a city, it is QNA's dateline
    res = extract_source("خبر\nقنا - الدوحة\nأكد وزير الخارجية أن قطر ماضية في دعم الحوار.")
    assert res is not None and res.agency == "qna"


def test_misspelt_agency_in_the_framing_slot() -> None:
    res = extract_source("به گزارش ایسنآ، قیمت طلا امروز کاهش یافت.")  # exact after folding
    assert res is not None and res.agency == "isna"
    res = extract_source("به گزارش تسنیمم، جلسه امروز برگزار شد.")  # one extra letter
    assert res is not None and res.agency == "tasnim" and res.rule.startswith("lead:fuzzy")
    assert res.confidence < 0.5
    # an outlet that is not an agency and not one edit away from one
    assert extract_source("به گزارش همشهری، جلسه امروز برگزار شد.") is None
    # a real agency listed in the registry is matched exactly, not fuzzily
    res = extract_source("به گزارش پانا، مدارس فردا تعطیل است.")
    assert res is not None and res.agency == "pana" and res.rule == "lead:cue"
    # equally close to several agencies (ایسنا, ایلنا, ایمنا, ایکنا): no guess
    assert extract_source("به گزارش ایخنا، جلسه امروز برگزار شد.") is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["", " ", "Short title", "x " * 25, "CAIRO (Reuters) - Body. More text.", "\t"]
        ),
        max_size=60,
    )
)
def test_first_sentence_matches_the_layout(lines: list[str]) -> None:
    from newsclean.source.layout import first_sentence, layout

    text = "\n".join(lines)
    assert first_sentence(text) == layout(text).first_sentence


_FOLD_MIX = (
    "aZ 0.-'\n\tİIıiΣσς ’‘ʼ`´′\u00a0\u2002\u3000\u200c أإآٱىیةۀکڪ الـعربية ً ٌ ٰ \u00ad\u200b\u200d"
    "\u200e\u202b\u2067\ufeff Ё ё 日本 \U0001d400 \U00010400 \ud800 ẞ ǅ ÀÉÖÞßÿµ×÷¿ª²½©"
    "\ufffe\uffff"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_FOLD_MIX), max_size=60), st.integers(1, 12))
def test_fold_by_table_equals_the_steps(chunk: str, times: int) -> None:
    """Folding through the code point table gives what the steps give (deletions and
    their offsets, sigma in context, dotted I, Arabic letters with and without Arabic
    text, characters beyond the BMP), for short and long texts."""
    from newsclean.source.fold import _fold_by_table, _fold_by_table16, _fold_steps, fold

    text = chunk * times
    for by_table in (_fold_by_table(text), _fold_by_table16(text)):
        if by_table is not None:
            assert by_table == _fold_steps(text)
    assert fold(text) == _fold_steps(text)
    assert fold(text * 40) == _fold_steps(text * 40)


def test_fold_tables_equal_the_steps_for_every_bmp_character() -> None:
    """The 16-bit table folds every BMP character as the steps do (alone and between
    letters); the Latin-1 translation every one of the first 256; the characters the
    tables cannot fold on their own send the text to the steps."""
    from newsclean.source.fold import _fold_by_table, _fold_by_table16, _fold_steps, fold

    steps_only = {0x03A3, 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)}
    for lo in range(0, 0x10000, 2048):
        chars = [chr(cp) for cp in range(lo, lo + 2048) if cp not in steps_only]
        for text in ("".join(chars), "a".join(chars)):
            assert _fold_by_table16(text) == _fold_steps(text)
    for cp in steps_only:
        assert _fold_by_table16("ab" + chr(cp) + "ab" * 200) is None
    latin1 = "".join(map(chr, range(256)))
    assert _fold_by_table(latin1.replace("\xad", "")) == _fold_steps(latin1.replace("\xad", ""))
    assert fold(latin1) == _fold_steps(latin1)  # with the soft hyphen (a deletion)
    assert fold(latin1 * 3) == _fold_steps(latin1 * 3)
    assert fold("ق" + latin1 * 3) == _fold_steps("ق" + latin1 * 3)


# Chinese, Japanese and Korean credits: no spaces around the agency, full-width brackets
# and colons, datelines of their own shapes.  (text, agency, where, evidence line, city)
CJK_CREDITS: list[tuple[str, str, str, str, str | None]] = [
    (
        "新华社北京11月28日电（记者张三）国务院总理28日主持召开国务院常务会议，部署推进经济工作。",
        "xinhua",
        "dateline",
        "新华社北京11月28日电",
        "北京",
    ),
    (
        "（中央社記者王明台北28日電）行政院今天通過明年度總預算案，將送立法院審議。",
        "cna_tw",
        "dateline",
        "（中央社記者王明台北28日電）",
        None,
    ),
    (
        "(서울=연합뉴스) 김철수 기자 = 정부가 28일 내년도 예산안을 국회에 제출했다고 밝혔다.",
        "yonhap",
        "dateline",
        "(서울=연합뉴스)",
        "서울",
    ),
    (
        "【ワシントン共同】米連邦準備制度理事会は28日、政策金利を据え置くと発表した。",
        "kyodo",
        "dateline",
        "【ワシントン共同】",
        "ワシントン",
    ),
    (
        "【北京時事】中国国務院は28日、経済対策を発表した。",
        "jiji",
        "dateline",
        "【北京時事】",
        "北京",
    ),
    (
        "国务院总理28日主持召开国务院常务会议，部署推进经济工作。\n来源：新华社",
        "xinhua",
        "footer",
        "来源：新华社",
        None,
    ),
    (
        "国务院总理28日主持召开国务院常务会议，部署推进经济工作。\n（新华社）",
        "xinhua",
        "footer",
        "（新华社）",
        None,
    ),
    (
        "据新华社报道，国务院总理28日主持召开国务院常务会议，部署推进经济工作。",
        "xinhua",
        "lead",
        "据新华社",
        None,
    ),
    (
        "予算案提出\n共同通信によると、政府は28日、来年度予算案を国会に提出した。",
        "kyodo",
        "lead",
        "共同通信によると",
        None,
    ),
    (
        "예산안 제출\n연합뉴스에 따르면 정부는 28일 내년도 예산안을 국회에 제출했다.",
        "yonhap",
        "lead",
        "연합뉴스에 따르면",
        None,
    ),
    # under a headline: the story's first line is told by its length in characters
    (
        "国务院常务会议部署推进经济工作\n新华社北京11月28日电（记者张三）国务院总理28日主持召开"
        "国务院常务会议，部署推进经济工作。\n会议强调，要切实做好民生保障工作。",
        "xinhua",
        "dateline",
        "新华社北京11月28日电",
        "北京",
    ),
    (
        "国务院常务会议部署推进经济工作\n据新华社报道，国务院总理28日主持召开国务院常务会议，"
        "部署推进经济工作。会议强调，要切实做好民生保障工作。",
        "xinhua",
        "lead",
        "据新华社",
        None,
    ),
]

CJK_MENTIONS: list[str] = [
    # "joint" and "current affairs" are words before they are Kyodo and Jiji
    "中美双方将共同推动合作，时事评论员表示欢迎。",
    "両国は共同声明を発表した。時事問題に詳しい専門家が解説した。",
    # Xinhua named inside the story, and a 电 (electricity) that is not a dispatch
    "国务院总理28日主持召开国务院常务会议，部署推进经济工作。新华社记者在现场看到，会议气氛热烈。",
    "新华社记者从国家电网获悉，今年全国用电量持续增长。",
    # a photo credit
    "国务院总理28日主持召开国务院常务会议。\n图片来源：新华社",
]


@pytest.mark.parametrize(("text", "agency", "where", "line", "city"), CJK_CREDITS)
def test_chinese_japanese_and_korean_credits(
    text: str, agency: str, where: str, line: str, city: str | None
) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    # the evidence is quoted as written, full-width brackets and colon included
    assert (res.agency, res.where, res.line, res.city) == (agency, where, line, city)
    assert text[res.span[0] : res.span[1]] == line


@pytest.mark.parametrize("text", CJK_MENTIONS)
def test_chinese_and_japanese_mentions_are_not_credits(text: str) -> None:
    assert extract_source(text) is None, explain_source(text)


NAMED_BYLINES: list[tuple[str, str, str, str]] = [
    (
        "Storm hits coast\nBy JOHN SMITH Associated Press\nMIAMI -- A powerful storm hit the "
        "coast on Tuesday, officials said.",
        "ap",
        "byline",
        "By JOHN SMITH Associated Press",
    ),
    (
        "Storm hits coast\nBy Jane Doe and Tom Roe, Reuters\nA powerful storm hit the coast "
        "on Tuesday, officials said.",
        "reuters",
        "byline",
        "By Jane Doe and Tom Roe, Reuters",
    ),
    (
        "Tempête sur la côte\nPar Jean Dupont, AFP\nUne violente tempête a frappé la côte "
        "mardi, selon les autorités.",
        "afp",
        "byline",
        "Par Jean Dupont, AFP",
    ),
    (
        "Storm hits coast\nA powerful storm hit the coast on Tuesday, officials said.\nThe "
        "storm weakened overnight.\nBy John Smith, Reuters",
        "reuters",
        "footer",
        "By John Smith, Reuters",
    ),
]


@pytest.mark.parametrize(("text", "agency", "where", "line"), NAMED_BYLINES)
def test_bylines_naming_the_reporters_before_the_agency(
    text: str, agency: str, where: str, line: str
) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    assert (res.agency, res.where, res.line) == (agency, where, line)


@pytest.mark.parametrize(
    ("text", "agency", "line", "city"),
    [
        (
            "Baku, November 28, AZERTAC. The government approved the budget for next year.",
            "azertac",
            "Baku, November 28, AZERTAC.",
            "Baku",
        ),
        (
            "Budget approved\nYEREVAN, NOVEMBER 28, ARMENPRESS. The government approved the "
            "budget for next year on Thursday.",
            "armenpress",
            "YEREVAN, NOVEMBER 28, ARMENPRESS.",
            "YEREVAN",
        ),
        # IRNA's English house style: the place alone, a comma, the agency, a dash
        (
            "Tehran, IRNA – Iran's foreign minister met his Turkish counterpart on Tuesday.",
            "irna",
            "Tehran, IRNA –",
            "Tehran",
        ),
        (
            "Kathmandu, Nov. 28 (RSS): The government approved a new scheme for farmers.",
            "rss_np",
            "Kathmandu, Nov. 28 (RSS):",
            "Kathmandu",
        ),
        # ENA's house style: the year after a slash, no dash before the story
        (
            "Addis Ababa, November 28/2026 (ENA) Ethiopia opened a new dam on Friday.",
            "ena",
            "Addis Ababa, November 28/2026 (ENA)",
            "Addis Ababa",
        ),
        (
            "Addis Ababa, 28/11/2026 (ENA) Ethiopia opened a new dam on Friday.",
            "ena",
            "Addis Ababa, 28/11/2026 (ENA)",
            "Addis Ababa",
        ),
    ],
)
def test_place_date_comma_agency_datelines(text: str, agency: str, line: str, city: str) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    assert (res.agency, res.where, res.line, res.city) == (agency, "dateline", line, city)


@pytest.mark.parametrize(
    ("text", "agency", "line"),
    [
        (
            "(Keystone-SDA) Der Bundesrat hat am Dienstag ein neues Budget verabschiedet.",
            "ats",
            "(Keystone-SDA)",
        ),
        (
            "Budget approved\n(AFP) The government approved the plan on Tuesday after a debate.",
            "afp",
            "(AFP)",
        ),
    ],
)
def test_a_group_alone_opening_the_story_is_a_byline(text: str, agency: str, line: str) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    assert (res.agency, res.where, res.line) == (agency, "byline", line)


@pytest.mark.parametrize(
    ("text", "agency", "via"),
    [
        # a dateline naming two places joined by a slash, no dash before the story
        (
            "Bischöfe tagen\nBonn/Augsburg (KNA) Die katholischen Bischöfe kommen ab Montag "
            "in Augsburg zusammen.",
            "kna_de",
            (),
        ),
        # the agency's reporter, its abbreviation in brackets, opening the second paragraph
        (
            "Gebze'de fabrika yangını\nKocaeli'nin Gebze ilçesindeki bir fabrikada yangın "
            "çıktı.\nAnadolu Ajansı (AA) muhabirinin aldığı bilgiye göre, depoda yangın başladı.",
            "aa",
            (),
        ),
        ("Strikes called\nBy PA Reporters\nTrain drivers will strike again next month.", "pa", ()),
        (
            "Harga minyak naik\nHarga minyak dunia naik pada Senin, seperti dilansir dari "
            "Reuters, karena kekhawatiran pasokan.",
            "reuters",
            (),
        ),
        # relays after a dateline: an abbreviation written in title case after the agency
        # noun, a time after "according to", an Italian credit sentence, a quoted name
        (
            "Italie\nRome (AFP) - Un pont s'est effondré lundi près de Naples, a rapporté "
            "l'agence italienne Ansa.\nLes pompiers ont bouclé la zone.",
            "afp",
            ("ansa",),
        ),
        (
            "Inundaciones\nPekín, 22 abr (EFE).- Cuatro personas murieron en Cantón, según "
            "informó este lunes la agencia oficial Xinhua.\nHubo evacuaciones.",
            "efe",
            ("xinhua",),
        ),
        (
            "Stellantis\n(ANSA) - TORINO, 05 MAR - Stellantis valuta un taglio della "
            "produzione. Lo riferisce la Reuters citando fonti sindacali.\nNessun commento.",
            "ansa",
            ("reuters",),
        ),
        (
            'روسيا: إنتاج الغاز سيرتفع\nموسكو - سبوتنيك\nنقلت وكالة "تاس" الروسية للأنباء عن '
            "نائب رئيس الوزراء قوله إن إنتاج الغاز سيرتفع.\nوأضاف أن الصادرات تنمو.",
            "sputnik",
            ("tass",),
        ),
        (
            "مسؤولون: المركزي الأوروبي يتجه لخفض الفائدة\nلندن (أ ش أ) - أفاد صناع السياسة في "
            "البنك المركزي الأوروبي بأن خفض الفائدة بات مرجحا، وذلك نقلا عن وكالة رويترز للأنباء."
            "\nوأضافت الوكالة أن التضخم تراجع.",
            "mena",
            ("reuters",),
        ),
    ],
)
def test_datelines_reporters_and_relays_of_wire_house_styles(
    text: str, agency: str, via: tuple[str, ...]
) -> None:
    res = extract_source(text)
    assert res is not None, explain_source(text)
    assert (res.agency, res.via) == (agency, via), explain_source(text)


@pytest.mark.parametrize(
    "text",
    [
        # a caption, labelled as one, credits the photo only
        "آلاف المتظاهرين في تل أبيب\nالقدس المحتلة - أحمد سليمان\nخرج آلاف الإسرائيليين في "
        "مظاهرات بتل أبيب.\nالصورة: جانب من المظاهرات في تل أبيب (أ ف ب)\nوقال المنظمون إن "
        "الأعداد هي الأكبر.",
        # a headline about the agency, with a number and a colon, is no wire header
        "75 Jahre dpa: Nachrichtenagentur feiert Jubiläum\nVon Marc Bartl\nDie Agentur hat in "
        "Hamburg ihr Bestehen gefeiert.",
    ],
)
def test_a_labelled_caption_and_a_headline_about_an_agency_credit_nothing(text: str) -> None:
    assert extract_source(text) is None, explain_source(text)
