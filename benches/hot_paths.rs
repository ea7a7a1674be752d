//! The hot paths of an extraction, timed with criterion:
//!
//! - `fold/normalize`: [`Normalized::new`] on about 1 MiB of Arabic news
//!   copy with Arabic-Indic digits, harakat, hamza forms, ta marbuta,
//!   bidi marks and English and French passages (throughput in bytes);
//! - `rule/delegates`: the built-in `interpol.delegates` count rule's
//!   [`Rule::find`] over the folded text;
//! - `numbers/parse_cardinal`: the Arabic and English number grammars
//!   reading a list of written-out and digit numbers.
//!
//! `cargo bench --bench hot_paths`; each bench takes a few seconds.
//!
//! [`Normalized::new`]: crosscheck::text::normalize::Normalized::new
//! [`Rule::find`]: crosscheck::rules::Rule::find

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::grammar::number::NumberGrammar;
use crosscheck::rules::RuleSet;
use crosscheck::text::normalize::{fold, Normalized};

/// News copy the corpus generator would not write: every spelling the
/// fold touches, at about the rate real articles have them, between long
/// runs it leaves alone.
const SENTENCES: &[&str] = &[
    "انطلقت في مدينة مراكش أشغال الدورة الـ٩٣ للجمعية العامة للمنظمة الدولية للشرطة الجنائية (الإنتربول)، بمشاركة ١٧٩ دولة، عبر نحو ٨٠٠ مندوب.",
    "وقال المدير العام للمديرية العامة للأمن الوطني إنّ المغرب يُولي أهميةً كبيرةً للتعاون الأمني الدولي في مواجهة الجريمة المنظمة العابرة للحدود.",
    "وتضم المنظمة ١٩٦ دولة عضو، بعد انضمام جمهورية بالاو في نوفمبر ٢٠٢٣، وهي أكبر منظمة شرطية في العالم.",
    "Interpol's General Assembly opened on Monday in Marrakech with some 800 delegates from 179 countries, officials said.",
    "وأكّد المتحدث أنّ الاجتماعات ستتناول قضايا الإرهاب والجريمة السيبرانية والاتجار بالبشر والمخدرات على مدى أربعة أيام.",
    "وبلغت نسبة النمو ٣٫٥ في المئة خلال الربع الأول، مقابل ٢٫٨ في المئة في الفترة نفسها من العام الماضي، حسب المندوبية السامية للتخطيط.",
    "La 93e session de l'Assemblée générale d'Interpol s'est ouverte lundi à Marrakech, en présence de délégations venues de 179 pays.",
    "وأشار التقرير إلى أن عدد المسافرين عبر مطار محمد الخامس بلغ ١٢٬٤٠٠٬٠٠٠ مسافر خلال سنة ٢٠٢٤، بارتفاع قدره ١٥ في المئة.",
    "وقد شهدت الجلسة الافتتاحيـــة حضور وزراء الداخلية وعدد من رؤساء الأجهزة الأمنية في إفريقيا وآسيا وأوروبا وأمريكا اللاتينية.",
    "وتأسست المنظمة سنة ١٩٢٣ في فيينا، ويوجد مقرها الحالي في مدينة ليون الفرنسية منذ عام ١٩٨٩.",
    "\u{200F}وذكرت وكالة الأنباء أنّ\u{00A0}الدورة المقبلة ستُعقد في هونغ كونغ، على أن تُنتخب لجنة تنفيذية جديدة خلال الجلسة الختامية.",
    "وشدّد رئيس المنظمة على ضرورة تبادل المعلومات بين الدول الأعضاء بشكل أسرع، مستشهدًا بنجاح عمليات مشتركة أسفرت عن توقيف ١٣٥ مطلوبًا.",
    "Les participants ont adopté plusieurs résolutions sur la cybercriminalité, la traite des êtres humains et le trafic de stupéfiants.",
    "وأعلنت الوزارة عن إطلاق مستشفى جامعي جديد بطاقة استيعابية تصل إلى ٨٥٠ سريرًا، بتكلفة إجمالية تناهز ٢٫٣ مليار درهم.",
    "وفي سياق متصل، عقد الوفد المغربي ٤٢ لقاءً ثنائيًا مع نظرائه على هامش أشغال الجمعية العامة، حسب بلاغ رسمي.",
    "The secretary general told reporters that member countries had shared more than 1.2 million records with the organisation's databases this year.",
    "واستقبلت المدينة أكثر من ثلاثة آلاف زائر خلال أيام الفعالية، في حين تجاوزت نسبة ملء الفنادق ٩٠ في المئة.",
    "وأوضح المسؤول أن الإحصاءات الأولية تُشير إلى تراجع معدل الجريمة بنسبة ١١٫٧ في المئة مقارنة بالسنة الماضية.",
    "إلى ذلك، دعت منظمات المجتمع المدني إلى تعزيز الشفافية في تدبير قواعد البيانات الدولية وحماية المعطيات الشخصية للمواطنين.",
    "وكانت الدورة الـ٩٢ قد انعقدت في غلاسكو سنة ٢٠٢٤ بمشاركة ممثلين عن ١٩٥ دولة عضوًا في المنظمة.",
    "According to the ministry, 2,400 police officers were deployed around the conference centre throughout the four days of meetings.",
    "ويُنتظر أن تصدر الجمعية العامة في ختام أشغالها إعلانًا يتضمن التوصيات الرئيسية للدورة وخارطة طريق للسنوات الثلاث المقبلة.",
    "وتبلغ ميزانية المنظمة السنوية نحو ١٧٠ مليون يورو، تساهم فيها الدول الأعضاء بحصص متفاوتة حسب حجم اقتصاداتها.",
    "وأفادت مصادر مطلعة أنّ\u{200B}المباحثات الثنائية تطرقت إلى تسليم المطلوبين وتبادل الخبرات في مجال التكوين والتدريب.",
    "Selon le communiqué, près de 1\u{202F}200 journalistes ont été accrédités pour couvrir l'événement, un record pour la région.",
    "وقالت الناطقة باسم الأمانة العامة إن النشرات الحمراء الصادرة هذا العام تجاوزت ١٥٬٠٠٠ نشرة، وهو رقم قياسي.",
    "ورحّب ممثل الاتحاد الإفريقي باختيار القارة لاحتضان هذه الدورة للمرة الثانية منذ تأسيس المنظمة قبل مئة عام.",
    "وفي الأخير، جرى التوقيع على مذكرة تفاهم مع مكتب الأمم المتحدة المعني بالمخدرات والجريمة، لمدة خمس سنوات قابلة للتجديد.",
    "ويشار إلى أن الدورة عرفت مشاركة ممثلي ٢٣ منظمة دولية وإقليمية بصفة مراقب، إلى جانب خبراء مستقلين في الأمن السيبراني.",
    "وتوقّع خبراء أن يرتفع عدد الهجمات الإلكترونية على البنى التحتية الحيوية خلال السنوات المقبلة، ما يستدعي تنسيقًا أوثق.",
];

/// About 1 MiB of articles: the sentences in turn, a paragraph break and a
/// paragraph number in Arabic-Indic digits every seven of them.
fn news_text() -> String {
    const TARGET: usize = 1 << 20;
    let mut text = String::with_capacity(TARGET + 1024);
    let mut n = 0usize;
    while text.len() < TARGET {
        if n % 7 == 0 {
            let number: String = (n / 7 + 1)
                .to_string()
                .chars()
                .map(|d| char::from_u32('٠' as u32 + d.to_digit(10).unwrap_or(0)).unwrap_or(d))
                .collect();
            text.push_str("\n\n");
            text.push_str(&number);
            text.push_str(" - ");
        }
        text.push_str(SENTENCES[n % SENTENCES.len()]);
        text.push(' ');
        n += 1;
    }
    text
}

fn folding(c: &mut Criterion) {
    let text = news_text();
    let mut group = c.benchmark_group("fold");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalize", |b| b.iter(|| Normalized::new(black_box(&text))));
    group.finish();
}

fn rule(c: &mut Criterion) {
    let rules = RuleSet::load(&RuleSet::default_sources()).expect("the built-in packs load");
    let rule = rules.get("interpol.delegates").expect("the built-in delegates rule");
    let original = news_text();
    let folded = Normalized::new(&original).text;
    assert!(!rule.find(&folded, None).is_empty(), "the text has delegates to find");
    let mut group = c.benchmark_group("rule");
    group.throughput(Throughput::Bytes(folded.len() as u64));
    group.bench_function("delegates", |b| b.iter(|| rule.find(black_box(&folded), None)));
    group.finish();
}

/// Numbers as the finders hand them to the grammar: written out, in
/// digits, with scale words.
const AR_NUMBERS: &[&str] = &[
    "مائة وست وتسعين",
    "مئة وتسعة وسبعون",
    "ثلاثة آلاف",
    "ألفين وأربعمائة",
    "ثمانمائة",
    "خمسة عشر",
    "اثنان وأربعون",
    "مليون ومائتا ألف",
    "١٢٬٤٠٠٬٠٠٠",
    "٣٫٥",
    "١٩٦",
    "2.3 مليار",
    "سبعة وعشرون ألفا وخمسمائة",
    "تسعمائة وتسعة وتسعون ألفا",
];

const EN_NUMBERS: &[&str] = &[
    "one hundred and ninety-six",
    "eight hundred",
    "two thousand four hundred",
    "1.2 million",
    "179",
    "twenty-three",
    "fifteen thousand",
    "three million two hundred thousand",
    "2,400",
    "ninety-nine",
];

fn numbers(c: &mut Criterion) {
    let phrases: Vec<(&NumberGrammar, String)> = [("ar", AR_NUMBERS), ("en", EN_NUMBERS)]
        .into_iter()
        .flat_map(|(lang, list)| {
            let grammar = NumberGrammar::for_language(lang).expect("a built-in grammar");
            list.iter().map(move |s| (grammar, fold(s)))
        })
        .collect();
    for (grammar, phrase) in &phrases {
        assert!(grammar.parse_cardinal(phrase).is_some(), "{phrase:?} is a number");
    }
    let mut group = c.benchmark_group("numbers");
    group.throughput(Throughput::Elements(phrases.len() as u64));
    group.bench_function("parse_cardinal", |b| {
        b.iter(|| {
            phrases
                .iter()
                .map(|(grammar, phrase)| grammar.parse_cardinal(black_box(phrase)))
                .fold(0.0, |sum, v| sum + v.unwrap_or(0.0))
        })
    });
    group.finish();
}

criterion_group! {
    name = hot_paths;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = folding, rule, numbers
}
criterion_main!(hot_paths);
