//! Persons and organisations through the pipeline, Simplified and
//! Traditional.

use zhnews::extract::entity::EntityExtractor;
use zhnews::extract::{Document, Extraction, Extractor};
use zhnews::record::{OrgKind, Organization, Person, Title};
use zhnews::rules::RuleFile;
use zhnews::segment::Segmenter;
use zhnews::{Pipeline, RuleSet};

fn simplified(text: &str) -> Extraction {
    Pipeline::builtin().analyze(text, None, None)
}

/// A Traditional clean text with its Simplified view (same length), as the
/// normalizer hands it over.
fn traditional(clean: &str, view: &str) -> Extraction {
    assert_eq!(clean.chars().count(), view.chars().count());
    let rules = RuleSet::builtin();
    let seg = Segmenter::new(&rules).unwrap();
    let doc = Document::new(clean, view, seg.cut(view));
    let mut out = Extraction::default();
    EntityExtractor::new(&rules)
        .unwrap()
        .extract(&doc, &mut out);
    out
}

fn person<'a>(x: &'a Extraction, name: &str) -> &'a Person {
    x.persons
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no person {name:?} in {:?}", names(x)))
}

fn org<'a>(x: &'a Extraction, name: &str) -> &'a Organization {
    x.organizations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no organisation {name:?} in {:?}", names(x)))
}

fn names(x: &Extraction) -> (Vec<&str>, Vec<&str>) {
    (
        x.persons.iter().map(|p| p.name.as_str()).collect(),
        x.organizations.iter().map(|o| o.name.as_str()).collect(),
    )
}

fn title(t: &str, org: Option<&str>, former: bool) -> Title {
    Title {
        title: t.to_string(),
        organization: org.map(str::to_string),
        former,
    }
}

#[test]
fn titles_before_latin_names_with_organisation_and_former() {
    let x = simplified(
        "OpenAI 创始人兼 CEO Altman 周二表示，OpenAI 前 CTO Mira 和总裁 Brockman 都已离开。",
    );
    let a = person(&x, "Altman");
    assert_eq!(a.canonical.as_deref(), Some("Sam Altman"));
    assert_eq!(
        a.titles,
        vec![
            title("创始人", Some("OpenAI"), false),
            title("CEO", Some("OpenAI"), false)
        ]
    );
    assert_eq!(a.mentions, vec![[16, 22]]);
    assert_eq!(
        person(&x, "Mira").titles,
        vec![title("CTO", Some("OpenAI"), true)]
    );
    assert_eq!(
        person(&x, "Brockman").titles,
        vec![title("总裁", None, false)]
    );
    let o = org(&x, "OpenAI");
    assert_eq!(o.mentions, vec![[0, 6], [28, 34]]);
    assert_eq!(o.kind, OrgKind::Company);
    assert_eq!(names(&x).0, vec!["Altman", "Mira", "Brockman"]);
}

#[test]
fn titles_in_traditional_text() {
    let x = traditional(
        "OpenAI 創始人兼 CEO Altman 週二表示，OpenAI 前 CTO Mira 和總裁 Brockman 都已離開。",
        "OpenAI 创始人兼 CEO Altman 周二表示，OpenAI 前 CTO Mira 和总裁 Brockman 都已离开。",
    );
    let a = person(&x, "Altman");
    assert_eq!(a.titles[1], title("CEO", Some("OpenAI"), false));
    assert_eq!(
        person(&x, "Mira").titles,
        vec![title("CTO", Some("OpenAI"), true)]
    );
    assert_eq!(
        person(&x, "Brockman").titles,
        vec![title("总裁", None, false)]
    );
}

#[test]
fn title_after_office_verb_and_surname_form_merge() {
    let text = "华林证券秦湘辞去首席执行官职务，秦总表示将专注于个人事务。";
    let x = simplified(text);
    let p = person(&x, "秦湘");
    assert_eq!(p.mentions, vec![[4, 6], [16, 18]]);
    assert_eq!(p.titles, vec![title("首席执行官", Some("华林证券"), false)]);
    assert_eq!(org(&x, "华林证券").kind, OrgKind::Company);
    assert_eq!(x.persons.len(), 1);

    let x = traditional(
        "華林證券秦湘辭去首席執行官職務，秦總表示將專注於個人事務。",
        text,
    );
    let p = person(&x, "秦湘");
    assert_eq!(p.normalized, "秦湘");
    assert_eq!(p.mentions.len(), 2);
    assert_eq!(org(&x, "華林證券").normalized, "华林证券");
}

#[test]
fn chinese_names_with_context_and_not_common_words() {
    let x = simplified(
        "记者从公司获悉，董事长王建平表示，今年高昂的成本让明星产品官宣延期，贺卡也没寄出。",
    );
    assert_eq!(names(&x).0, vec!["王建平"]);
    assert_eq!(
        person(&x, "王建平").titles,
        vec![title("董事长", None, false)]
    );
    // A title alone is not a person.
    let x = simplified("首席研究官和副总裁也相继离职。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
}

#[test]
fn function_words_and_verbs_do_not_join_names() {
    // A verb or particle after the given name ends it.
    let x = simplified("总经理刘强赴上海参加会议。");
    assert_eq!(names(&x).0, vec!["刘强"]);
    let x = traditional("總經理劉強赴上海參加會議。", "总经理刘强赴上海参加会议。");
    assert_eq!(names(&x).0, vec!["劉強"]);
    // `赵姓经理`: a surname told, not a name.
    let x = simplified("一位赵姓经理表示，手续费较高。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    // 和 and 由 as surnames right after a title or before a dotted name.
    let x = simplified("班主任和心理老师一起参加培训。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    let x = simplified("研究团队由玛丽·安德森牵头，成员来自三个国家。");
    assert_eq!(names(&x).0, vec!["玛丽·安德森"]);
}

#[test]
fn a_verb_after_a_title_is_not_a_name() {
    // 强 and 普 are surnames, 强调 and 普遍 are not names.
    for text in [
        "公司董事长强调，今年将扩大投资。",
        "该行行长宣布，将调整存款利率。",
        "基金经理普遍预期央行将降息。",
    ] {
        let x = simplified(text);
        assert!(x.persons.is_empty(), "{text}: {:?}", names(&x));
    }
    let x = traditional(
        "公司董事長強調，今年將擴大投資。",
        "公司董事长强调，今年将扩大投资。",
    );
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    // A name whose given name and the next character make a verb (勇于).
    let x = simplified("首席执行官张勇于5月21日辞职。");
    assert_eq!(names(&x).0, vec!["张勇"]);
}

#[test]
fn title_case_latin_words_need_a_person_context() {
    // Products and firms written in title case are not people.
    let x = simplified("小米宣布进入Coding Agent领域，并发布新品Vision Air。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    // After a title, or in brackets after a name just told, they are.
    let x = simplified("美银首席策略师Michael Hartnett上周提到科技股。");
    assert_eq!(names(&x).0, vec!["Michael Hartnett"]);
    let x = simplified("花旗首席执行官范洁恩（Jane Fraser）表示，经济稳健。");
    assert_eq!(names(&x).0, vec!["范洁恩", "Jane Fraser"]);
}

#[test]
fn transliterated_and_latin_names() {
    let x = simplified("马斯克与奥特曼再起争执，美联储主席提名人凯文·沃什称此事与央行无关。");
    assert_eq!(names(&x).0, vec!["马斯克", "奥特曼", "凯文·沃什"]);
    assert_eq!(
        person(&x, "凯文·沃什").canonical.as_deref(),
        Some("Kevin Warsh")
    );
    assert_eq!(person(&x, "马斯克").canonical.as_deref(), Some("Elon Musk"));

    let x = simplified(
        "Anduril 首席执行官Brian Schimpf表示订单翻倍。联合创始人 John Schulman 则转投 Anthropic。",
    );
    let b = person(&x, "Brian Schimpf");
    assert_eq!(b.titles, vec![title("首席执行官", Some("Anduril"), false)]);
    assert_eq!(
        person(&x, "John Schulman").titles,
        vec![title("联合创始人", None, false)]
    );
    assert_eq!(org(&x, "Anduril").kind, OrgKind::Company);
    assert_eq!(org(&x, "Anthropic").canonical.as_deref(), Some("Anthropic"));
}

#[test]
fn partial_latin_names_merge() {
    let x = simplified(
        "Jan Leike 上周离职。Mira Murati 离开后，Mira 创立了新公司，Murati 称这是新的开始。",
    );
    assert_eq!(names(&x).0, vec!["Jan Leike", "Mira Murati"]);
    assert_eq!(
        person(&x, "Mira Murati").mentions,
        vec![[15, 26], [31, 35], [43, 49]]
    );
    let x = traditional(
        "Mira Murati 離開後，Mira 創立了新公司，Murati 稱這是新的開始。",
        "Mira Murati 离开后，Mira 创立了新公司，Murati 称这是新的开始。",
    );
    assert_eq!(names(&x).0, vec!["Mira Murati"]);
}

#[test]
fn organisation_endings_stock_codes_and_short_names() {
    let x = simplified(
        "首都在线(300846.SZ)公告称，宜昌兴发集团有限责任公司拟增持，兴发集团表示看好公司前景。",
    );
    // The registered name and the short one are one entry, named by the
    // short form the article uses.
    assert_eq!(names(&x).1, vec!["首都在线", "兴发集团"]);
    assert_eq!(org(&x, "首都在线").mentions, vec![[0, 4]]);
    assert_eq!(org(&x, "兴发集团").mentions, vec![[19, 31], [35, 39]]);
    let x = traditional(
        "首都在線(300846.SZ)公告稱，宜昌興發集團有限責任公司擬增持，興發集團表示看好公司前景。",
        "首都在线(300846.SZ)公告称，宜昌兴发集团有限责任公司拟增持，兴发集团表示看好公司前景。",
    );
    let o = org(&x, "興發集團");
    assert_eq!(o.normalized, "兴发集团");
    assert_eq!(o.mentions.len(), 2);
    assert_eq!(org(&x, "首都在線").normalized, "首都在线");
}

#[test]
fn latin_organisations_and_investors() {
    let x = simplified("本轮由 Thrive Capital 领投，红杉资本与 Lux Ventures 跟投，微软继续参投。");
    assert_eq!(
        names(&x).1,
        vec!["Thrive Capital", "红杉资本", "Lux Ventures", "微软"]
    );
    assert!(x.organizations.iter().all(|o| o.kind == OrgKind::Investor));
    assert_eq!(org(&x, "微软").canonical.as_deref(), Some("Microsoft"));
    assert!(x.persons.is_empty());
}

#[test]
fn media_in_brackets_but_not_books_or_laws() {
    let x = simplified(
        "据《华尔街日报》报道，苹果公司将推迟发布；《民法典》对此另有规定，《纽约时报》未置评。",
    );
    assert_eq!(names(&x).1, vec!["华尔街日报", "苹果公司", "纽约时报"]);
    assert_eq!(org(&x, "华尔街日报").kind, OrgKind::Media);
    assert_eq!(org(&x, "华尔街日报").mentions, vec![[2, 7]]);
    assert_eq!(
        org(&x, "纽约时报").canonical.as_deref(),
        Some("The New York Times")
    );
    let x = traditional("據《華爾街日報》報道，", "据《华尔街日报》报道，");
    assert_eq!(
        org(&x, "華爾街日報").canonical.as_deref(),
        Some("The Wall Street Journal")
    );
}

#[test]
fn government_bodies() {
    let x = simplified("证监会与国家发改委联合发文，美联储则按兵不动。");
    assert_eq!(names(&x).1, vec!["证监会", "国家发改委", "美联储"]);
    assert!(
        x.organizations
            .iter()
            .all(|o| o.kind == OrgKind::Government)
    );
    let x = traditional("證監會與國家發改委聯合發文", "证监会与国家发改委联合发文");
    assert_eq!(names(&x).1, vec!["證監會", "國家發改委"]);
    assert_eq!(org(&x, "證監會").canonical.as_deref(), Some("CSRC"));
}

#[test]
fn apple_the_company_or_the_fruit() {
    let x = simplified("苹果最终决定退出本轮融资。");
    assert_eq!(org(&x, "苹果").canonical.as_deref(), Some("Apple"));
    let x = simplified("他每天吃一个苹果，觉得苹果很甜。");
    assert!(x.organizations.is_empty());
    let x = traditional("蘋果決定退出本輪融資。", "苹果决定退出本轮融资。");
    assert_eq!(org(&x, "蘋果").canonical.as_deref(), Some("Apple"));
}

#[test]
fn aliases_give_one_canonical_across_scripts() {
    let x = simplified("微软与Microsoft Research同属一家；英伟达即 NVIDIA，软银即 SoftBank。");
    let ms = org(&x, "微软");
    assert_eq!(ms.canonical.as_deref(), Some("Microsoft"));
    assert_eq!(ms.mentions.len(), 2);
    assert_eq!(org(&x, "英伟达").mentions.len(), 2);
    assert_eq!(org(&x, "软银").canonical.as_deref(), Some("SoftBank"));
    // Traditional forms the alias file lists match even on the clean text.
    let x = simplified("輝達和軟銀");
    assert_eq!(org(&x, "輝達").canonical.as_deref(), Some("NVIDIA"));
    assert_eq!(org(&x, "軟銀").canonical.as_deref(), Some("SoftBank"));
}

#[test]
fn user_dictionary_from_rules_directory() {
    let text = "星河纪元发布了新的模型。";
    assert!(simplified(text).organizations.is_empty());
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("dict")).unwrap();
    std::fs::write(
        dir.path().join("dict/my-companies.txt"),
        "星河纪元 300 nt\n",
    )
    .unwrap();
    let rules = RuleSet::load(dir.path()).unwrap();
    let p = Pipeline::new(&rules).unwrap();
    let x = p.analyze(text, None, None);
    assert_eq!(names(&x).1, vec!["星河纪元"]);
    assert_eq!(org(&x, "星河纪元").kind, OrgKind::Company);
    assert_eq!(org(&x, "星河纪元").mentions, vec![[0, 4]]);
}

/// The error of a pipeline whose rules have `name` replaced by `content`
/// (read from `my/<name>`).
fn refused(name: &str, content: &str) -> zhnews::RuleError {
    let mut rules = RuleSet::builtin();
    rules.insert(RuleFile::new(name, format!("my/{name}"), content));
    Pipeline::new(&rules).err().expect("refused")
}

#[test]
fn bad_rule_files_are_refused_with_line() {
    let err = refused("org_subject_cues.tsv", "收购\nacquires\n");
    assert_eq!(
        err.to_string(),
        "my/org_subject_cues.tsv:2: a cue is a word of Chinese characters"
    );
    let err = refused("org_subject_cues.tsv", "收购\n拟\tbridges\n");
    assert_eq!(
        err.to_string(),
        "my/org_subject_cues.tsv:2: \"bridges\" is not `bridge`"
    );
    let err = refused("dict/my-companies.txt", "星河纪元 300 nt\n坏行 lots nt\n");
    assert_eq!(
        err.to_string(),
        "my/dict/my-companies.txt:2: frequency \"lots\" is not a positive whole number"
    );
    let err = refused(
        "aliases.tsv",
        "# canonical, kind, variants\nMicrosoft\tcompany\t微软\nNVIDIA\tcompnay\t英伟达\n",
    );
    assert!(
        err.to_string()
            .starts_with("my/aliases.tsv:3: unknown kind \"compnay\""),
        "{err}"
    );
    let err = refused("surnames.tsv", "王\n王小二\n");
    assert_eq!(err.line, Some(2));
}

#[test]
fn offsets_point_into_the_clean_text() {
    let text = "ＯｐｅｎＡＩ宣布，腾讯与字节跳动也在洽谈。";
    let x = simplified(text);
    let chars: Vec<char> = text.chars().collect();
    for o in &x.organizations {
        for m in &o.mentions {
            let s: String = chars[m[0]..m[1]].iter().collect();
            assert!(!s.is_empty());
        }
    }
    let o = org(&x, "ＯｐｅｎＡＩ");
    assert_eq!(o.normalized, "OpenAI");
    assert_eq!(o.mentions, vec![[0, 6]]);
    assert_eq!(names(&x).1, vec!["ＯｐｅｎＡＩ", "腾讯", "字节跳动"]);
}

#[test]
fn a_name_right_before_a_business_verb_is_an_organisation() {
    let x = simplified("星海智能完成5亿元B轮融资，由红杉中国领投。");
    assert_eq!(org(&x, "星海智能").kind, OrgKind::Company);
    let x = simplified("金马股份收购远航汽车。");
    assert_eq!(org(&x, "金马股份").mentions, vec![[0, 4]]);
    let x = simplified("云启科技宣布裁员200人。");
    assert_eq!(org(&x, "云启科技").kind, OrgKind::Company);
    // The ending gives the kind.
    let x = simplified("葫芦岛海事局发布航行警告。");
    assert_eq!(org(&x, "葫芦岛海事局").kind, OrgKind::Government);
    // Traditional: the view is Simplified, the name keeps its script.
    let x = traditional("星海智能完成5億元B輪融資。", "星海智能完成5亿元B轮融资。");
    assert_eq!(org(&x, "星海智能").mentions, vec![[0, 4]]);
}

#[test]
fn names_the_dictionary_cuts_into_single_characters() {
    // jieba cuts 朗驰, 宏睿, 闻泰 and 拓尔思 into single characters; the
    // ending or the business verb after them makes them a name.
    let x = simplified("朗驰科技、宏睿股份午后涨停。");
    assert_eq!(names(&x).1, vec!["朗驰科技", "宏睿股份"]);
    let x = simplified("据公告，闻泰科技拟收购一家晶圆厂。");
    assert_eq!(org(&x, "闻泰科技").mentions, vec![[4, 8]]);
    let x = simplified("拓尔思收购一家数据公司。");
    assert_eq!(org(&x, "拓尔思").mentions, vec![[0, 3]]);
    let x = simplified("昨日盛屯矿业宣布扩产。");
    assert_eq!(org(&x, "盛屯矿业").kind, OrgKind::Company);
    let x = traditional(
        "據公告，聞泰科技擬收購一家晶圓廠。",
        "据公告，闻泰科技拟收购一家晶圆厂。",
    );
    assert_eq!(org(&x, "聞泰科技").mentions, vec![[4, 8]]);
    // Common words the dictionary lacks are not names: jieba's HMM reads
    // them as verbs, adjectives, numerals or common nouns.
    for text in [
        "具身智能板块走强。",
        "公募基金与美股期货走低。",
        "全省规上工业增加值增长，算力网络建设提速。",
        "南京银行在官网披露名单。",
    ] {
        let x = simplified(text);
        let orgs = names(&x).1;
        assert!(orgs.iter().all(|o| *o == "南京银行"), "{text}: {orgs:?}");
    }
}

#[test]
fn one_latin_word_that_buys_is_a_firm() {
    let x = simplified("加拿大支付服务商Nuvei以27.5亿美元收购Payoneer。");
    assert_eq!(org(&x, "Nuvei").kind, OrgKind::Company);
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    let x = simplified("PayPay拟斥资1600亿日元收购一家保险公司。");
    assert_eq!(org(&x, "PayPay").mentions, vec![[0, 6]]);
    let x = traditional(
        "據報道，Nuvei將收購Payoneer。",
        "据报道，Nuvei将收购Payoneer。",
    );
    assert_eq!(org(&x, "Nuvei").mentions, vec![[4, 9]]);
}

#[test]
fn a_verb_ends_a_name_going_left() {
    let x = simplified("董事长吕天贵回归中信银行。");
    assert_eq!(names(&x), (vec!["吕天贵"], vec!["中信银行"]));
    let x = simplified("实际控制人段志明持有公司股份500万股。");
    assert_eq!(names(&x), (vec!["段志明"], vec![]));
    // After a proper name a verb may be part of the name.
    let x = simplified("由国家发展基金领投，中华开发资本跟投。");
    assert_eq!(org(&x, "中华开发资本").kind, OrgKind::Investor);
}

#[test]
fn bridge_words_and_amounts_may_stand_between_a_name_and_its_verb() {
    let x = simplified("星海智能拟收购远航汽车。");
    assert_eq!(org(&x, "星海智能").mentions, vec![[0, 4]]);
    // An amount the money stage found, opened by a bridge word.
    let x = simplified("金马股份以22亿元收购远航汽车。");
    assert_eq!(org(&x, "金马股份").mentions, vec![[0, 4]]);
    // Role nouns before a name are not part of it.
    let x = simplified("公司股东拓远基金拟减持不超过3%股份。");
    assert_eq!(names(&x).1, vec!["拓远基金"]);
    // A descriptor and an ending do not name anyone.
    let x = simplified("逾60家上市公司已披露扩产计划。");
    assert!(x.organizations.is_empty(), "{:?}", names(&x));
    let x = traditional("星海智能擬收購遠航汽車。", "星海智能拟收购远航汽车。");
    assert_eq!(org(&x, "星海智能").mentions, vec![[0, 4]]);
}

#[test]
fn descriptors_places_units_and_times_before_a_verb_are_not_names() {
    for text in [
        "多家车企宣布降价。",
        "北京宣布新政。",
        "伊朗媒体宣布停火。",
        "该公司16时30分发布公告。",
        "双方宣布达成和解。",
        "甲方斥资约15亿欧元收购一家电池企业。",
        "科创板IPO完成首发。",
        "香港证券ETF发布公告。",
        "AI发布新模型。",
    ] {
        let x = simplified(text);
        assert!(x.organizations.is_empty(), "{text}: {:?}", names(&x));
    }
    // A person is not turned into an organisation by the verb after it.
    let x = simplified("王小川宣布创立百川智能。");
    assert!(x.persons.iter().any(|p| p.name == "王小川"));
    assert!(!x.organizations.iter().any(|o| o.name == "王小川"));
}

#[test]
fn a_function_character_after_a_name_is_not_its_last_character() {
    let x = simplified("董事长王启明自2019年起担任首席执行官。");
    assert_eq!(person(&x, "王启明").mentions, vec![[3, 6]]);
    let x = simplified("李明自2018年起担任公司总裁。");
    assert_eq!(person(&x, "李明").mentions, vec![[0, 2]]);
    let x = simplified("董事长陈立仍将主持日常工作。");
    assert!(
        x.persons.iter().any(|p| p.name == "陈立"),
        "{:?}",
        names(&x)
    );
}

#[test]
fn a_short_name_without_the_line_of_business_joins_the_legal_name() {
    let x = simplified("鼎泰企业股份有限公司发布年报。鼎泰去年实现净利润12亿元。");
    assert_eq!(x.organizations.len(), 1, "{:?}", names(&x));
    let o = org(&x, "鼎泰");
    assert_eq!(o.mentions, vec![[0, 10], [15, 17]]);
}

#[test]
fn a_descriptor_and_an_ending_in_one_word_is_a_common_noun() {
    for text in [
        "公司实现归属于上市公司股东的净利润12亿元。",
        "多家商业银行下调存款利率。",
    ] {
        let x = simplified(text);
        assert!(x.organizations.is_empty(), "{text}: {:?}", names(&x));
    }
    let x = simplified("美国银行上调评级。");
    assert_eq!(org(&x, "美国银行").mentions, vec![[0, 4]]);
}

#[test]
fn a_registered_name_that_opens_a_clause_keeps_its_first_word() {
    let x = simplified("据港交所文件：踏歌智行科技股份有限公司向港交所提交上市申请书。");
    assert_eq!(org(&x, "踏歌智行科技股份有限公司").mentions, vec![[7, 19]]);
    // A governing verb before the name is not part of it.
    let x = simplified("会议审议星河科技股份有限公司的议案，政策将推动远山科技有限公司发展。");
    let got: Vec<&str> = x.organizations.iter().map(|o| o.name.as_str()).collect();
    assert!(got.contains(&"星河科技股份有限公司"), "{got:?}");
    assert!(got.contains(&"远山科技有限公司"), "{got:?}");
}

#[test]
fn a_country_before_an_association_or_a_bank_is_part_of_its_name() {
    let x = simplified(
        "日本橡胶贸易协会公布数据后，中国信托业协会和中国光大银行先后表态，美国芯片公司英伟达股价上涨。",
    );
    for name in [
        "日本橡胶贸易协会",
        "中国信托业协会",
        "中国光大银行",
        "英伟达",
    ] {
        org(&x, name);
    }
    let (_, orgs) = names(&x);
    for wrong in ["橡胶贸易协会", "信托业协会", "光大银行", "美国芯片公司"] {
        assert!(!orgs.contains(&wrong), "{wrong} in {orgs:?}");
    }
    let x = traditional(
        "日本橡膠貿易協會公布數據後，中國信託業協會隨後表態。",
        "日本橡胶贸易协会公布数据后，中国信托业协会随后表态。",
    );
    assert_eq!(org(&x, "日本橡膠貿易協會").kind, OrgKind::Other);
    org(&x, "中國信託業協會");
}

#[test]
fn another_countrys_ministry_is_not_the_bare_ministry() {
    let x = simplified("美国司法部起诉了该公司，俄罗斯外交部随后回应，日本财政部官员也表态。");
    for name in ["美国司法部", "俄罗斯外交部", "日本财政部"] {
        assert_eq!(org(&x, name).kind, OrgKind::Government, "{name}");
        assert_eq!(org(&x, name).canonical, None, "{name}");
    }
    let (_, orgs) = names(&x);
    for bare in ["司法部", "外交部", "财政部"] {
        assert!(!orgs.contains(&bare), "{bare} in {orgs:?}");
    }
    let x = simplified("财政部和外交部发言人表示关注。");
    org(&x, "财政部");
    org(&x, "外交部");
    let x = traditional(
        "美國司法部起訴了該公司，俄羅斯外交部隨後回應。",
        "美国司法部起诉了该公司，俄罗斯外交部随后回应。",
    );
    assert_eq!(org(&x, "美國司法部").mentions, vec![[0, 5]]);
    assert_eq!(org(&x, "俄羅斯外交部").mentions, vec![[12, 18]]);
}

#[test]
fn a_known_name_that_runs_on_into_a_sector_word_is_not_named() {
    let x = simplified("中国银行业协会发布数据，各地教育部门开展检查。");
    org(&x, "中国银行业协会");
    let (_, orgs) = names(&x);
    assert!(!orgs.contains(&"教育部"), "{orgs:?}");
    let x = simplified("据中国银行业研究中心统计，银行业绩稳定。");
    assert!(!names(&x).1.contains(&"中国银行"), "{:?}", names(&x));
    let x = traditional("各地教育部門開展檢查。", "各地教育部门开展检查。");
    assert!(x.organizations.is_empty(), "{:?}", names(&x));
}

#[test]
fn a_company_described_before_its_latin_name_is_that_name() {
    let x = simplified(
        "AI芯片公司Cerebras预计将以每股185美元定价，西班牙航空制造公司Grupo MASA也在谈判，腾讯公司CEO马化腾出席。",
    );
    assert_eq!(org(&x, "Cerebras").kind, OrgKind::Company);
    org(&x, "Grupo MASA");
    org(&x, "腾讯");
    let (_, orgs) = names(&x);
    assert!(!orgs.iter().any(|o| o.ends_with("公司")), "{orgs:?}");
    let x = traditional(
        "AI晶片公司Cerebras預計將以每股185美元定價。",
        "AI芯片公司Cerebras预计将以每股185美元定价。",
    );
    org(&x, "Cerebras");
    assert_eq!(x.organizations.len(), 1, "{:?}", names(&x));
}

#[test]
fn capital_markets_and_spending_are_not_names_ending_in_capital() {
    let x = simplified("惠誉表示，人工智能资本支出将支撑债券发行，推动构建中国特色资本市场。");
    let (persons, orgs) = names(&x);
    assert_eq!(orgs, vec!["惠誉"]);
    assert!(persons.is_empty(), "{persons:?}");
    assert_eq!(org(&x, "惠誉").canonical.as_deref(), Some("Fitch Ratings"));
    let x = traditional(
        "惠譽表示，人工智慧資本支出將增加。",
        "惠誉表示，人工智慧资本支出将增加。",
    );
    assert_eq!(names(&x).1, vec!["惠譽"]);
}

#[test]
fn a_registered_name_runs_back_to_the_place_it_opens_with() {
    let x = simplified(
        "审议结果显示，深圳市富泰和精密制造股份有限公司首发符合发行条件；杭州华大海天科技股份有限公司同日过会。",
    );
    org(&x, "深圳市富泰和精密制造股份有限公司");
    org(&x, "杭州华大海天科技股份有限公司");
    let (_, orgs) = names(&x);
    assert_eq!(orgs.len(), 2, "{orgs:?}");
    // A place inside a name does not open it; a short verb before the name
    // is no boundary.
    let x = simplified("【港股IPO：安得智联供应链科技股份有限公司递表港交所】");
    org(&x, "安得智联供应链科技股份有限公司");
    let x = traditional(
        "審議結果顯示，深圳市富泰和精密製造股份有限公司首發符合發行條件。",
        "审议结果显示，深圳市富泰和精密制造股份有限公司首发符合发行条件。",
    );
    org(&x, "深圳市富泰和精密製造股份有限公司");
}

#[test]
fn a_securities_account_is_no_organisation() {
    let x = simplified(
        "公司通过股份回购专用证券账户回购股份80万股，股票将转入全国中小企业股份转让系统。",
    );
    assert_eq!(names(&x).1, vec!["全国中小企业股份转让系统"]);
    assert_eq!(org(&x, "全国中小企业股份转让系统").kind, OrgKind::Other);
    let x = traditional(
        "公司通過股份回購專用證券賬戶回購股份。",
        "公司通过股份回购专用证券账户回购股份。",
    );
    assert!(x.organizations.is_empty(), "{:?}", names(&x));
}

#[test]
fn a_registered_name_with_its_place_in_brackets_is_whole() {
    let x = simplified(
        "享道出行(上海)科技股份有限公司向港交所提交上市申请书，禾润电子科技（嘉兴）股份有限公司申报创业板IPO，公司拟收购华为技术（上海）有限公司股权。",
    );
    for name in [
        "享道出行(上海)科技股份有限公司",
        "禾润电子科技（嘉兴）股份有限公司",
        "华为技术（上海）有限公司",
    ] {
        assert_eq!(org(&x, name).kind, OrgKind::Company, "{name}");
    }
    let (_, orgs) = names(&x);
    assert!(
        !orgs
            .iter()
            .any(|o| o.starts_with("股份") || o.starts_with("科技")),
        "{orgs:?}"
    );
    let x = traditional(
        "雙方將共同成立「採埃孚（徐州）機械有限公司」。",
        "双方将共同成立「采埃孚（徐州）机械有限公司」。",
    );
    org(&x, "採埃孚（徐州）機械有限公司");
}

#[test]
fn a_foreign_name_after_a_title_runs_to_its_end() {
    let x = simplified(
        "联合国秘书长古特雷斯周二表示，各方应保持克制。白俄罗斯总统卢卡申科周三会见了代表团。",
    );
    assert_eq!(
        person(&x, "古特雷斯").titles,
        vec![title("秘书长", Some("联合国"), false)]
    );
    assert_eq!(person(&x, "卢卡申科").titles[0].title, "总统");
    assert_eq!(names(&x).0, vec!["古特雷斯", "卢卡申科"]);
    let x = traditional(
        "聯合國秘書長古特雷斯週二表示，伊朗外長阿拉格齊當天抵達。",
        "联合国秘书长古特雷斯周二表示，伊朗外长阿拉格齐当天抵达。",
    );
    assert_eq!(names(&x).0, vec!["古特雷斯", "阿拉格齊"]);
}

#[test]
fn a_long_transliteration_outranks_a_surname_inside_it() {
    let x = simplified("乌克兰总统泽连斯基表示将继续谈判。");
    assert_eq!(names(&x).0, vec!["泽连斯基"]);
    let x = traditional(
        "烏克蘭總統澤連斯基表示將繼續談判。",
        "乌克兰总统泽连斯基表示将继续谈判。",
    );
    assert_eq!(names(&x).0, vec!["澤連斯基"]);
}

#[test]
fn countries_and_commodities_are_not_persons() {
    // jieba's dictionary tags these as personal names.
    let x = simplified("卡塔尔和科威特的主权基金加大了投资，布伦特原油期货上涨2%，白银期货下跌。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    let x = traditional(
        "卡塔爾和科威特的主權基金加大了投資。",
        "卡塔尔和科威特的主权基金加大了投资。",
    );
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    let x = simplified("卡塔尔央行公布数据显示，货币供应量增长。");
    assert_eq!(org(&x, "卡塔尔央行").kind, OrgKind::Government);
}

#[test]
fn news_abbreviations_are_not_two_character_names() {
    let x = simplified("百家房企销售额增长，惠企政策陆续落地，普惠性贷款余额上升，300余人参会。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
}

#[test]
fn a_given_name_ends_at_a_lone_character_before_a_function_word() {
    let x = simplified("记者了解到，徐则臣的公司已完成新一轮融资。");
    assert_eq!(names(&x).0, vec!["徐则臣"]);
    let x = simplified("除了吴湖帆，吴待秋、吴子深也在名单上。");
    assert!(names(&x).0.contains(&"吴子深"), "{:?}", names(&x));
    assert!(!names(&x).0.contains(&"吴子"), "{:?}", names(&x));
}

#[test]
fn a_surname_character_before_a_two_character_name_starts_it() {
    let x = simplified("丁薛祥、王毅出席了开幕活动。");
    assert_eq!(names(&x).0, vec!["丁薛祥", "王毅"]);
}

#[test]
fn a_common_word_after_a_title_is_no_name() {
    let x =
        simplified("公司董事长高度重视此事。合伙人信息显示，该基金由两家公司出资。总统任期四年。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    // A common word may still open a longer name.
    let x = simplified("环保部部长黄润秋受委托作了报告。");
    assert_eq!(names(&x).0, vec!["黄润秋"]);
    let x = traditional("公司董事長高度重視此事。", "公司董事长高度重视此事。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
}

#[test]
fn bank_abbreviations_are_the_banks() {
    let x = simplified("工行、建行与招行发布年报，银联数据显示消费增长。");
    assert_eq!(org(&x, "工行").canonical.as_deref(), Some("ICBC"));
    assert_eq!(
        org(&x, "建行").canonical.as_deref(),
        Some("China Construction Bank")
    );
    assert_eq!(
        org(&x, "招行").canonical.as_deref(),
        Some("China Merchants Bank")
    );
    assert_eq!(org(&x, "银联").canonical.as_deref(), Some("China UnionPay"));
    let x = traditional("工行與銀聯合作。", "工行与银联合作。");
    assert_eq!(org(&x, "銀聯").canonical.as_deref(), Some("China UnionPay"));
    // Not inside other words.
    let x = simplified("化工行业景气度回升，集中行动取得成效。");
    assert!(x.organizations.is_empty(), "{:?}", names(&x));
}

#[test]
fn a_registered_name_outranks_a_known_name_inside_it() {
    let x = simplified("该公司由银联商务支付股份有限公司全资持股。");
    assert_eq!(names(&x).1, vec!["银联商务支付股份有限公司"]);
    // The registered form of a known name is that name, with its short form.
    let x = simplified(
        "央行授权南非标准银行有限公司和中国工商银行股份有限公司担任清算行，工行表示将做好准备。",
    );
    let icbc = org(&x, "工行");
    assert_eq!(icbc.canonical.as_deref(), Some("ICBC"));
    assert_eq!(icbc.mentions.len(), 2);
    assert!(
        names(&x).1.contains(&"南非标准银行有限公司"),
        "{:?}",
        names(&x)
    );
}

#[test]
fn a_subsidiary_is_not_merged_into_the_company_announcing() {
    let x = simplified("电投绿能公告，全资子公司贵州电投绿能新能源有限公司投资建设风电场项目。");
    assert_eq!(names(&x).1, vec!["电投绿能", "贵州电投绿能新能源有限公司"]);
    let x = simplified("兴发集团公告，宜昌兴发集团有限责任公司将回购股份。");
    assert_eq!(names(&x).1.len(), 1, "{:?}", names(&x));
}

#[test]
fn a_country_abbreviation_and_its_side_is_no_name() {
    let x = simplified("中方愿同马方一道落实共识，黎方希望首先实现停火。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    let x = simplified("河北唐山与美国达拉斯的企业签署协议，霍尼韦尔和埃克森美孚参加。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    assert_eq!(org(&x, "霍尼韦尔").canonical.as_deref(), Some("Honeywell"));
    assert_eq!(
        org(&x, "埃克森美孚").canonical.as_deref(),
        Some("ExxonMobil")
    );
}

#[test]
fn a_description_of_ownership_is_not_part_of_the_name() {
    let x = simplified("获得备案的中资企业大搜车控股有限公司递交了文件。");
    assert_eq!(names(&x).1, vec!["大搜车控股有限公司"]);
    let x = simplified("总理听取民营企业瑞声科技的发展介绍。");
    assert_eq!(names(&x).1, vec!["瑞声科技"]);
}

#[test]
fn the_part_a_company_plays_in_a_filing_is_not_its_name() {
    let x = simplified("星河股份公告，信息披露义务人天阳宏业科技股份有限公司的持股比例被动稀释。");
    assert!(
        names(&x).1.contains(&"天阳宏业科技股份有限公司"),
        "{:?}",
        names(&x)
    );
    let x = simplified("雷诺就日产董事会人选提出反对，矛头指向债权人瑞穗银行。");
    assert!(names(&x).1.contains(&"瑞穗银行"), "{:?}", names(&x));
}

#[test]
fn one_latin_word_that_announces_is_a_firm() {
    // A person needs a person's context; before 宣布 a lone Latin word is a
    // firm, and a person's word (表示) still makes it a person.
    let x = simplified("Brightwave宣布推出一款新的支付终端。");
    assert_eq!(names(&x), (vec![], vec!["Brightwave"]));
    assert_eq!(org(&x, "Brightwave").kind, OrgKind::Company);
    let x = simplified("Brightwave宣佈推出一款新的支付終端。");
    assert_eq!(names(&x), (vec![], vec!["Brightwave"]));
    let x = simplified("Halvorsen表示，市场仍有压力。");
    assert_eq!(names(&x), (vec!["Halvorsen"], vec![]));
}

#[test]
fn a_name_before_bridge_words_and_an_amount_buys() {
    // 作价, 曾 and 现金 may stand between the buyer and 收购.
    let x = simplified("海川华通作价12亿元收购海岚科技。");
    assert_eq!(names(&x).1, vec!["海川华通", "海岚科技"]);
    let x = simplified("海川华通曾以3亿元现金收购海岚科技。");
    assert_eq!(names(&x).1, vec!["海川华通", "海岚科技"]);
    let x = simplified("海川華通曾以3億元現金收購海嵐科技。");
    assert_eq!(names(&x).1, vec!["海川華通", "海嵐科技"]);
    // `美企` (American firms) describes; it names no one.
    let x = simplified("美企发布六月软件供应商榜单。");
    assert_eq!(names(&x).1, Vec::<&str>::new());
}

#[test]
fn small_and_mid_sized_banks_are_no_bank() {
    let x = simplified("当中小银行增资扩股案例频频落地，排队的银行仍有五家。");
    assert_eq!(names(&x).1, Vec::<&str>::new());
}

#[test]
fn a_year_opens_no_name() {
    let x = simplified("公司主要生产葡萄酒。2025年度公司实现营业收入3.63亿元，同比下降。");
    assert_eq!(names(&x).1, Vec::<&str>::new());
    let x = simplified(
        "工业和信息化部、农业农村部联合开展2026年度农业领域机器人典型应用场景遴选工作。",
    );
    assert_eq!(names(&x).1, vec!["工业和信息化部", "农业农村部"]);
}

#[test]
fn well_known_firms_and_bodies_have_canonical_names() {
    let x = simplified("沃尔玛股价下跌5%，礼来与辉瑞均上涨，欧佩克将公布月报。");
    assert_eq!(names(&x).0, Vec::<&str>::new());
    assert_eq!(org(&x, "沃尔玛").canonical.as_deref(), Some("Walmart"));
    assert_eq!(org(&x, "礼来").canonical.as_deref(), Some("Eli Lilly"));
    assert_eq!(org(&x, "辉瑞").canonical.as_deref(), Some("Pfizer"));
    assert_eq!(org(&x, "欧佩克").kind, OrgKind::Other);
    let x = simplified("輝瑞與禮來均上漲。");
    assert_eq!(org(&x, "輝瑞").canonical.as_deref(), Some("Pfizer"));
    assert_eq!(org(&x, "禮來").canonical.as_deref(), Some("Eli Lilly"));
    // A group's short form does not swallow its joint ventures.
    let x = simplified("据上汽通用五菱汽车消息，旗下新车销量突破3万台。");
    assert_eq!(names(&x).1, vec!["上汽通用五菱汽车"]);
}

#[test]
fn the_clause_before_an_announcement_is_the_company_whatever_its_words() {
    // 达成 alone is a verb; before 股份 and 公告， it is a listed company's name.
    let x = simplified("达成股份公告，拟设合资公司并收购海岚科技100%股权。");
    assert_eq!(names(&x).1, vec!["达成股份", "海岚科技"]);
    let x = simplified("達成股份公告，擬設合資公司並收購海嵐科技100%股權。");
    assert_eq!(names(&x).1, vec!["達成股份", "海嵐科技"]);
    // 占 (accounts for) ends a name going left.
    let x = simplified("玻璃基板相关产品销售收入占公司营业收入比例较低。");
    assert_eq!(names(&x).1, Vec::<&str>::new());
}

#[test]
fn a_company_being_set_up_is_not_the_one_setting_it_up() {
    let x = simplified("银河微电公告，公司计划投资设立广东银河微电数据产业有限公司。");
    assert_eq!(
        names(&x).1,
        vec!["银河微电", "广东银河微电数据产业有限公司"]
    );
    let x = simplified("銀河微電公告，公司計劃投資設立廣東銀河微電數據產業有限公司。");
    assert_eq!(names(&x).1.len(), 2, "{:?}", names(&x));
}

#[test]
fn dictionary_names_of_three_characters_stand_without_context() {
    // A three-character name jieba knows needs no title or verb of speech.
    let x = simplified("昨天下午，彭丽媛来到一所乡村小学参观。");
    assert_eq!(names(&x).0, vec!["彭丽媛"]);
    let x = simplified("彭麗媛昨日到訪一所鄉村小學。");
    assert_eq!(names(&x).0, vec!["彭麗媛"]);
    // Words jieba's dictionary tags as names but which are common nouns,
    // places, transliterated places or forms of address are not.
    for text in [
        "该公司已取得安全生产许可证。",
        "今年黄金周期间，张家口接待游客增长三成。",
        "孟菲斯当地时间周二发生停电。",
        "郑东新区今年新增企业三千家。",
        "李先生来到营业厅办理业务。",
    ] {
        let x = simplified(text);
        assert!(x.persons.is_empty(), "{text}: {:?}", names(&x));
    }
    // A brand jieba tags as a name is a company.
    let x = simplified("房利美股价周四上涨。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    assert_eq!(org(&x, "房利美").canonical.as_deref(), Some("Fannie Mae"));
}

#[test]
fn state_bodies_with_their_places() {
    let cases = [
        ("日本政府周二宣布追加预算。", "日本政府"),
        ("日本政府週二宣佈追加預算。", "日本政府"),
        ("北京市国土资源局发布通知。", "北京市国土资源局"),
        ("福州市公安局表示，案件仍在调查中。", "福州市公安局"),
        ("广州市房管局今天公布数据。", "广州市房管局"),
        ("石家莊市審計局發布報告。", "石家莊市審計局"),
        ("美国联邦航空局周三发表声明。", "美国联邦航空局"),
        ("住房和城乡建设部发布新规。", "住房和城乡建设部"),
    ];
    for (text, name) in cases {
        let x = simplified(text);
        assert_eq!(names(&x).1, vec![name], "{text}");
        assert_eq!(org(&x, name).kind, OrgKind::Government, "{text}");
    }
    // Two names, not one: a place, an idiom and a government that has a
    // place of its own.
    let x = simplified("斯里兰卡衷心感谢中国政府的支持。");
    assert_eq!(names(&x).1, vec!["中国政府"]);
    // Words that end like a body but name none, and an office.
    for text in [
        "行业新格局正在形成。",
        "联合政府宣告成立。",
        "非政府组织参与了救援。",
        "驻德国美军重新部署。",
        "市委常委、副市长出席会议。",
    ] {
        let x = simplified(text);
        assert!(x.organizations.is_empty(), "{text}: {:?}", names(&x));
    }
}

#[test]
fn less_common_surnames_and_places_named_like_people() {
    // Surnames outside the most frequent hundred still start names.
    for (text, name) in [
        ("集团董事长萧建明表示，今年营收增长两成。", "萧建明"),
        ("集團董事長蕭建明表示，今年營收增長兩成。", "蕭建明"),
        ("公司总经理阎立新介绍，新厂房将于年底投产。", "阎立新"),
        ("市局局长雒永平表示，专项检查将持续到年底。", "雒永平"),
        ("司法部部长傅政华作了说明。", "傅政华"),
    ] {
        let x = simplified(text);
        assert_eq!(names(&x).0, vec![name], "{text}");
    }
    // A surname, then a village or a market, is a place.
    for text in [
        "浙江省嘉善县洪溪村的农家乐生意红火。",
        "南昌的洪城大市场是当地最大的服装批发市场。",
    ] {
        let x = simplified(text);
        assert!(x.persons.is_empty(), "{text}: {:?}", names(&x));
    }
    // A common character as surname does not open with a common noun
    // after a title, but a foreign name may (海格 塞斯).
    let x = simplified("两国能源部长通话谈管道项目。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    let x = simplified("美国防长海格塞斯表示，会谈取得进展。");
    assert_eq!(names(&x).0, vec!["海格塞斯"]);
}

#[test]
fn person_cues_from_their_rule_file() {
    // A transliterated name after a sports role, its words cut apart by
    // jieba (阿斯/nrt 森/n 蒂斯/nrt).
    let x = simplified("主力中场阿斯森蒂斯本场复出。");
    assert_eq!(names(&x).0, vec!["阿斯森蒂斯"]);
    // A title inside a longer word introduces nobody.
    let x = simplified("一家国际顾问公司近日发布报告。");
    assert!(x.persons.is_empty(), "{:?}", names(&x));
    let err = refused("person_cues.tsv", "表示\tafter\n球员\tbeside\n");
    assert_eq!(
        err.to_string(),
        "my/person_cues.tsv:2: \"beside\" is not `before` or `after`"
    );
}

#[test]
fn a_title_after_a_chinese_name_vouches_for_it() {
    // 习 is a common character as a surname; the title after the name
    // makes it one, in both scripts.
    let x = simplified("会上，习近平主席发表讲话。");
    assert_eq!(names(&x).0, vec!["习近平"]);
    let x = traditional("會上，習近平主席發表講話。", "会上，习近平主席发表讲话。");
    assert_eq!(names(&x).0, vec!["習近平"]);
    // Offices, places and firms before a title are no one.
    for text in [
        "各地党委宣传部部长、文明办主任参加会议。",
        "俄罗斯梁赞州州长当天表示，无人机袭击造成损失。",
        "他成为该国首位左翼总统。",
    ] {
        let x = simplified(text);
        assert!(x.persons.is_empty(), "{text}: {:?}", names(&x));
    }
    let x = simplified("任天堂社长承认成本上涨。");
    assert_eq!(names(&x), (vec![], vec!["任天堂"]));
    // A firm, its title, then the person: the firm is not the person.
    let x = simplified("腾讯CEO马化腾发表讲话。");
    assert_eq!(names(&x), (vec!["马化腾"], vec!["腾讯"]));
}

#[test]
fn dictionary_names_that_end_in_a_rare_word_stand_alone() {
    // 周星驰 ends in 星驰/nz and 范冰冰 in 冰冰/z, rare words; the
    // dictionary's name stands.
    let x = simplified("周星驰新片昨日上映，票房过亿。");
    assert_eq!(names(&x).0, vec!["周星驰"]);
    let x = simplified("范冰冰出席了发布会。");
    assert_eq!(person(&x, "范冰冰").mentions, vec![[0, 3]]);
    // A common word or a verb at the end makes no name (段时间/nr,
    // 韩建交/nr), nor do the words rules/dict re-tags (黄大豆).
    for text in [
        "这段时间，市场持续回暖。",
        "中韩建交三十年成果丰硕。",
        "黄大豆价格上涨。",
    ] {
        let x = simplified(text);
        assert!(x.persons.is_empty(), "{text}: {:?}", names(&x));
    }
}
