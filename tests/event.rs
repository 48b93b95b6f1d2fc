//! Events end to end: bytes in, events out, with the money, entity and
//! valuation stages feeding the event extractor; and rule files refused or
//! extended by a user.

use zhnews::record::{Arg, Event, EventStatus, Record};
use zhnews::{Pipeline, ProcessOptions, RuleSet};

fn run(text: &str) -> Record {
    static P: std::sync::LazyLock<Pipeline> = std::sync::LazyLock::new(Pipeline::builtin);
    P.process("t.txt", text.as_bytes(), &ProcessOptions::default())
}

fn text(e: &Event, role: &str) -> Option<String> {
    match e.args.get(role)? {
        Arg::Text(t) => Some(t.clone()),
        other => panic!("{role}: {other:?}"),
    }
}

fn names(e: &Event, role: &str) -> Vec<String> {
    match e.args.get(role) {
        Some(Arg::Names(n)) => n.clone(),
        None => Vec::new(),
        Some(other) => panic!("{role}: {other:?}"),
    }
}

fn amount(e: &Event, role: &str) -> Option<String> {
    match e.args.get(role)? {
        Arg::Money(m) => Some(format!("{} {}", m.value, m.currency)),
        other => panic!("{role}: {other:?}"),
    }
}

fn of<'a>(r: &'a Record, kind: &str) -> Vec<&'a Event> {
    r.events.iter().filter(|e| e.kind == kind).collect()
}

#[test]
fn ipo_end_to_end() {
    let r = run("小米集团今日在港交所挂牌上市。");
    let e = of(&r, "ipo");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "company").as_deref(), Some("小米集团"));
    assert_eq!(text(e[0], "exchange").as_deref(), Some("港交所"));
    assert_eq!(e[0].status, EventStatus::Asserted);
    assert_eq!(e[0].sentence, [0, 15]);
}

#[test]
fn departure_end_to_end_traditional() {
    let r = run("張偉辭去小米集團首席執行官職務，轉投騰訊。");
    let e = of(&r, "departure");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "person").as_deref(), Some("张伟"));
    assert_eq!(text(e[0], "title").as_deref(), Some("首席执行官"));
    assert_eq!(text(e[0], "destination").as_deref(), Some("腾讯"));
    assert_eq!(e[0].trigger.text, "辭去");
    assert_eq!([e[0].trigger.start, e[0].trigger.end], [2, 4]);
}

#[test]
fn layoff_end_to_end() {
    let r = run("字节跳动宣布裁员10%。");
    let e = of(&r, "layoff");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "company").as_deref(), Some("字节跳动"));
    assert_eq!(e[0].args.get("percent"), Some(&Arg::Number(10.into())));
}

#[test]
fn funding_round_with_investors_end_to_end() {
    let r = run(
        "美团宣布获得30亿元融资，由红杉中国领投，腾讯和高瓴资本跟投。\n据悉，苹果最终决定退出本轮融资。",
    );
    let f = of(&r, "funding");
    assert_eq!(f.len(), 2, "{:#?}", r.events);
    assert_eq!(text(f[0], "company").as_deref(), Some("美团"));
    assert_eq!(amount(f[0], "amount").as_deref(), Some("3000000000 CNY"));
    assert_eq!(names(f[0], "lead_investors"), vec!["红杉中国"]);
    assert_eq!(names(f[0], "investors"), vec!["腾讯", "高瓴资本"]);
    assert_eq!(f[0].status, EventStatus::Asserted);
    assert_eq!(f[1].status, EventStatus::Withdrawn);
    assert_eq!(text(f[1], "company").as_deref(), Some("美团"));
    assert_eq!(names(f[1], "investors"), vec!["苹果"]);
}

#[test]
fn traps_end_to_end() {
    let r = run("截至昨日，沪市融资余额增加12亿元，多家上市公司发布公告。");
    assert_eq!(r.events, Vec::new());
}

#[test]
fn bad_rule_overlay_is_refused_with_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = RuleSet::builtin()
        .get("events.toml")
        .expect("built-in events.toml")
        .content
        .replacen("side = \"after\"", "side = \"afterwards\"", 1);
    let line = text[..text.find("\"afterwards\"").expect("edited")]
        .matches('\n')
        .count()
        + 1;
    let path = dir.path().join("events.toml");
    std::fs::write(&path, &text).expect("write");
    let rules = RuleSet::load(dir.path()).expect("load");
    let err = Pipeline::new(&rules).err().expect("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "{}:{line}: unknown side \"afterwards\" (expected one of: before, after, any)",
            path.display()
        )
    );
}

#[test]
fn a_trigger_added_by_the_user_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = RuleSet::builtin()
        .get("events.toml")
        .expect("built-in events.toml")
        .content
        .replacen(
            "triggers = [\"裁员\"",
            "triggers = [\"优化人员\", \"裁员\"",
            1,
        );
    std::fs::write(dir.path().join("events.toml"), &rules).expect("write");
    let p = Pipeline::new(&RuleSet::load(dir.path()).expect("load")).expect("valid");
    let r = p.process(
        "t.txt",
        "字节跳动宣布优化人员10%。".as_bytes(),
        &ProcessOptions::default(),
    );
    let e = of(&r, "layoff");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(e[0].trigger.text, "优化人员");
    assert_eq!(text(e[0], "company").as_deref(), Some("字节跳动"));
}

#[test]
fn guessed_targets_and_products_are_words_not_clauses() {
    let r = run("星海科技宣布收购星辰光电。");
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("星海科技"));
    assert_eq!(text(e[0], "target").as_deref(), Some("星辰光电"));
    // A clause after the trigger is not a target, and an acquisition needs
    // its target or its amount.
    for t in ["星海科技宣布收购期限届满。", "星海科技收购股份数量未定。"]
    {
        assert!(of(&run(t), "acquisition").is_empty(), "{t}");
    }
    let r = run("星海科技发布星河大模型。");
    assert_eq!(
        text(of(&r, "launch")[0], "product").as_deref(),
        Some("星河大模型")
    );
    let r = run("星海科技发布Nova 2 Pro手机。");
    assert_eq!(
        text(of(&r, "launch")[0], "product").as_deref(),
        Some("Nova 2 Pro")
    );
    assert!(of(&run("星海科技推出能力更强的新版本。"), "launch").is_empty());
}

#[test]
fn acquisition_roles_around_bei_and_dui() {
    // `B 被 A 收购`, with a description between 被 and the acquirer, and a
    // target the entity rules lack, read beside 被.
    let r = run("远航汽车被上市公司金马股份以12亿元收购。");
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("金马股份"));
    assert_eq!(amount(e[0], "amount").as_deref(), Some("1200000000 CNY"));
    let r = run("去年，蓝鲸牙膏被联合利华收购。");
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("联合利华"));
    assert_eq!(text(e[0], "target").as_deref(), Some("蓝鲸牙膏"));
    // `A 完成对 B 的收购`: the name after 对 is the target, the one before
    // the acquirer, in both scripts.
    for text_in in [
        "2019年，北辰汽车以2亿美元完成了对瑞典萨博汽车公司相关专利的收购。",
        "2019年，北辰汽車以2億美元完成了對瑞典薩博汽車公司相關專利的收購。",
    ] {
        let r = run(text_in);
        let e = of(&r, "acquisition");
        assert_eq!(e.len(), 1, "{text_in}: {:#?}", r.events);
        assert_eq!(
            text(e[0], "acquirer").as_deref(),
            Some("北辰汽车"),
            "{text_in}"
        );
        assert_eq!(
            text(e[0], "target").as_deref(),
            Some("瑞典萨博汽车公司"),
            "{text_in}"
        );
        assert_eq!(amount(e[0], "amount").as_deref(), Some("200000000 USD"));
    }
}

#[test]
fn acquisition_of_shares_a_seller_holds() {
    // `收购 C 所持有的 B 36% 股份`: C sells, B is the target, and the seller
    // is never taken for the acquirer.
    for text_in in [
        "鸿翔集团宣布已与远帆集团达成协议，收购远帆集团及其关联方所持有的蓝海零售有限公司约36%的股份。",
        "鴻翔集團宣佈已與遠帆集團達成協議，收購遠帆集團及其關聯方所持有的藍海零售有限公司約36%的股份。",
    ] {
        let r = run(text_in);
        let e = of(&r, "acquisition");
        assert_eq!(e.len(), 1, "{text_in}: {:#?}", r.events);
        assert_eq!(text(e[0], "acquirer").as_deref(), Some("鸿翔集团"));
        assert_eq!(text(e[0], "seller").as_deref(), Some("远帆集团"));
        assert_eq!(text(e[0], "target").as_deref(), Some("蓝海零售有限公司"));
        assert!(matches!(e[0].args.get("stake"), Some(Arg::Number(n)) if n.to_string() == "36"));
    }
    // A person may sell.
    let r = run("鸿翔集团以815万元收购张三持有的远帆科技有限公司20%股权。");
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "seller").as_deref(), Some("张三"));
    assert_eq!(text(e[0], "target").as_deref(), Some("远帆科技有限公司"));
}

#[test]
fn the_one_named_after_an_appointing_verb_is_appointed() {
    for text_in in ["会议聘任余思明为财务总监。", "會議聘任余思明為財務總監。"]
    {
        let r = run(text_in);
        let e = of(&r, "appointment");
        assert_eq!(e.len(), 1, "{text_in}: {:#?}", r.events);
        assert_eq!(text(e[0], "person").as_deref(), Some("余思明"));
        assert_eq!(text(e[0], "title").as_deref(), Some("财务总监"));
    }
    // Whoever appoints is not appointed.
    let r = run("美国总统特朗普已任命前司法部长帕姆·邦迪加入白宫人工智能政策委员会。");
    let e = of(&r, "appointment");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "person").as_deref(), Some("帕姆·邦迪"));
    // `B 被任命为`: the one before 被.
    let r = run("首席运营官迪恩·威廉姆斯已被任命为代理首席执行官。");
    let e = of(&r, "appointment");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "person").as_deref(), Some("迪恩·威廉姆斯"));
}

#[test]
fn drug_approvals_and_equity_exchange_listings_are_not_ipos() {
    for text_in in [
        "山东星河医药有限公司收到国家药监局签发的《化学原料药上市申请批准通知书》。",
        "星河集团拟公开挂牌转让所持远帆科技有限公司60%股权，挂牌底价为6.97亿元。",
    ] {
        let r = run(text_in);
        assert!(of(&r, "ipo").is_empty(), "{text_in}: {:#?}", r.events);
    }
}

#[test]
fn sponsors_of_a_listing_are_not_its_company() {
    let r = run(
        "因湖南星河集团股份有限公司、保荐人远帆证券股份有限公司提交了撤回首次公开发行股票并在主板上市申请文件的申请，深交所决定终止其上市审核。",
    );
    let e = of(&r, "ipo");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(
        text(e[0], "company").as_deref(),
        Some("湖南星河集团股份有限公司")
    );
    assert_eq!(names(e[0], "sponsors"), vec!["远帆证券股份有限公司"]);
    assert_eq!(e[0].status, EventStatus::Withdrawn);
    // The bank that sponsors is never taken for the company, in either
    // script: with the company unnamed there is no listing event.
    for text_in in [
        "深交所官网显示，由中信证券保荐IPO的企业获得受理。",
        "深交所官網顯示，由中信證券保薦IPO的企業獲得受理。",
    ] {
        let r = run(text_in);
        assert!(of(&r, "ipo").is_empty(), "{text_in}: {:#?}", r.events);
    }
}

#[test]
fn the_company_after_canyu_raises_the_round() {
    // `A 出资 N 参与 B 的 C 轮融资`: B raises, A invests.
    let r = run("鸿翔科技有限公司拟出资2亿元参与远帆智能的C轮融资。");
    let e = of(&r, "funding");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "company").as_deref(), Some("远帆智能"));
    assert_eq!(names(e[0], "investors"), vec!["鸿翔科技有限公司"]);
    assert_eq!(amount(e[0], "amount").as_deref(), Some("200000000 CNY"));
}

#[test]
fn a_joint_venture_is_a_founding_not_a_funding() {
    for text_in in [
        "星河股份公告，公司拟与远帆科技共同投资设立鸿翔智能科技有限公司。",
        "星河股份公告，公司擬與遠帆科技共同投資設立鴻翔智能科技有限公司。",
    ] {
        let r = run(text_in);
        assert!(of(&r, "funding").is_empty(), "{text_in}: {:#?}", r.events);
        let e = of(&r, "founding");
        assert_eq!(e.len(), 1, "{text_in}: {:#?}", r.events);
        assert_eq!(
            text(e[0], "company").as_deref(),
            Some("鸿翔智能科技有限公司")
        );
        assert_eq!(names(e[0], "founders"), vec!["远帆科技"]);
        assert_eq!(e[0].status, EventStatus::Forecast);
    }
}

#[test]
fn an_investment_grade_rating_is_no_funding() {
    let r = run("SpaceX已从三家主要债券评级机构获得了投资级评级。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    let r = run("SpaceX已從三家主要債券評級機構獲得了投資級評級。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
}

#[test]
fn the_latin_name_after_a_described_company_is_the_target() {
    let r = run("高通正洽谈收购AI芯片初创公司Tenstorrent，交易细节未披露。");
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("高通"));
    assert_eq!(text(e[0], "target").as_deref(), Some("Tenstorrent"));
    let r = run("高通正洽談收購AI晶片初創公司Tenstorrent，交易細節未披露。");
    let e = of(&r, "acquisition");
    assert_eq!(text(e[0], "target").as_deref(), Some("Tenstorrent"));
}

#[test]
fn a_bare_company_in_an_announcement_is_the_announcer() {
    let r = run(
        "银禧科技(300221.SZ)公告称，预计半年度净利润为8700万元。投资的同创基金取得收益约992万元；公司Q1净利润0.38亿元。",
    );
    let e = of(&r, "financial_report");
    assert_eq!(e.len(), 2, "{:#?}", r.events);
    for ev in &e {
        assert_eq!(text(ev, "company").as_deref(), Some("银禧科技"), "{ev:#?}");
    }
    let r = run("銀禧科技(300221.SZ)公告稱，同創基金取得收益約992萬元；公司Q1淨利潤0.38億元。");
    let e = of(&r, "financial_report");
    // Arguments are names in their normalized (Simplified) form.
    assert_eq!(text(e[0], "company").as_deref(), Some("银禧科技"));
}

#[test]
fn delisting_and_offering_conditions_are_no_listing_but_a_passed_review_is() {
    let r = run("退市熊猫公告称，公司收到上海证券交易所终止上市决定。");
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
    let r = run("审议结果显示，四川菊乐食品股份有限公司首发符合发行条件、上市条件和信息披露要求。");
    let e = of(&r, "ipo");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(
        text(e[0], "company").as_deref(),
        Some("四川菊乐食品股份有限公司")
    );
    let r = run("審議結果顯示，四川菊樂食品股份有限公司首發符合發行條件、上市條件和信息披露要求。");
    assert_eq!(
        text(of(&r, "ipo")[0], "company").as_deref(),
        Some("四川菊乐食品股份有限公司")
    );
}

#[test]
fn a_lead_investor_is_never_also_the_company() {
    let r = run(
        "本轮融资由国调二期协同发展基金股份有限公司与国海证券投资有限公司联合领投，华仓资本等跟投。",
    );
    for e in of(&r, "funding") {
        let company = text(e, "company");
        for lead in names(e, "lead_investors") {
            assert_ne!(company.as_deref(), Some(lead.as_str()), "{e:#?}");
        }
    }
}

#[test]
fn the_share_transfer_system_is_a_venue_not_the_listing_company() {
    let r = run(
        "公司控股子公司西安聚能超导磁体科技股份有限公司自2026年3月2日在全国中小企业股份转让系统挂牌，现拟申请在北交所上市。",
    );
    let e = of(&r, "ipo");
    assert!(!e.is_empty(), "{:#?}", r.events);
    for ev in e {
        assert_eq!(
            text(ev, "company").as_deref(),
            Some("西安聚能超导磁体科技股份有限公司"),
            "{ev:#?}"
        );
    }
}

#[test]
fn the_one_who_resigns_to_someone_is_the_one_who_leaves() {
    let r = run("美国家情报总监图尔茜·加巴德向总统特朗普提出辞职。");
    let e = of(&r, "departure");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "person").as_deref(), Some("图尔茜·加巴德"));
    let r = run("美國家情報總監圖爾茜·加巴德向總統特朗普提出辭職。");
    let e = of(&r, "departure");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "person").as_deref(), Some("图尔茜·加巴德"));
}

#[test]
fn financial_assets_and_a_restructuring_listing_are_no_events() {
    let r = run("兰生股份公告，董事会同意授权经理层处置不超过8亿元的存量金融资产。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    let r = run(
        "埃夫特公告，公司拟购买上海盛普流体设备股份有限公司100%股份，本次交易构成重大资产重组，不构成重组上市。",
    );
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
    let r = run("蘭生股份公告，董事會同意授權經理層處置不超過8億元的存量金融資產。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
}

#[test]
fn those_bought_from_after_xiang_are_sellers_not_the_acquirer() {
    let r = run(
        "星河材料公告，公司拟以现金向王建国、刘红与陈平收购其持有的东海精密科技有限公司60%股权。",
    );
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("星河材料"));
    assert_eq!(names(e[0], "sellers"), vec!["王建国", "刘红", "陈平"]);
    assert_eq!(
        text(e[0], "target").as_deref(),
        Some("东海精密科技有限公司")
    );
    let r = run(
        "星河材料公告，公司擬以現金向王建國、劉紅與陳平收購其持有的東海精密科技有限公司60%股權。",
    );
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(names(e[0], "sellers"), vec!["王建国", "刘红", "陈平"]);
}

#[test]
fn a_company_announcing_is_the_subject_of_what_it_announces() {
    let r = run("其中银河微电公告，拟收购恒泰柯100%股权。");
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("银河微电"));
    assert_eq!(text(e[0], "target").as_deref(), Some("恒泰柯"));
    let r = run("銀河微電公告，擬收購恆泰柯100%股權。");
    let e = of(&r, "acquisition");
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("银河微电"));
}

#[test]
fn no_longer_holding_a_post_is_a_departure_and_holding_one_is_no_appointment() {
    let r = run("王海同志不再担任东方电气集团董事长职务。");
    assert_eq!(of(&r, "appointment"), Vec::<&Event>::new());
    let e = of(&r, "departure");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "person").as_deref(), Some("王海"));
    let r = run("李明目前担任公司董事长兼总经理，辞职后仍担任子公司董事。");
    assert_eq!(of(&r, "appointment"), Vec::<&Event>::new());
    let r = run("王海同志不再擔任東方電氣集團董事長職務。");
    assert_eq!(of(&r, "departure").len(), 1, "{:#?}", r.events);
}

#[test]
fn a_name_does_not_swallow_the_because_after_it() {
    let r = run("公司董事会秘书赵丽因工作变动原因申请辞去上述职务。");
    let e = of(&r, "departure");
    assert!(!e.is_empty(), "{:#?}", r.events);
    assert!(
        e.iter()
            .all(|e| text(e, "person").as_deref() == Some("赵丽")),
        "{e:#?}"
    );
}

#[test]
fn making_any_concession_and_an_investment_institute_are_no_events() {
    let r = run("张伟表示不会向对方作出任何让步，也没有提出任何新要求。");
    assert_eq!(of(&r, "appointment"), Vec::<&Event>::new());
    let r = run("星河银行投资研究所上调新兴市场指数预测。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    let r = run("張偉表示不會向對方作出任何讓步。");
    assert_eq!(of(&r, "appointment"), Vec::<&Event>::new());
}

#[test]
fn bond_financing_is_no_funding_round() {
    let r =
        run("中指研究院数据显示，4月房地产行业债券融资总额为614.8亿元，其中信用债融资374.8亿元。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    let r = run("星河钴业公告，公司发行2026年度第六期超短期融资券10亿元。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    let r = run("中指研究院數據顯示，4月房地產行業債券融資總額為614.8億元。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
}

#[test]
fn the_hong_kong_exchange_company_is_a_venue_and_shares_released_are_no_listing() {
    let r = run(
        "神州细胞公告，公司已向香港联合交易所有限公司递交了发行H股并在香港联交所主板挂牌上市的申请。",
    );
    let e = of(&r, "ipo");
    assert!(!e.is_empty(), "{:#?}", r.events);
    assert!(
        e.iter()
            .all(|e| text(e, "company").as_deref() == Some("神州细胞")),
        "{e:#?}"
    );
    let r = run("本次上市流通的限售股为首次公开发行限售股，一家上市算力企业表示暂未收到通知。");
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
    let r = run("本次上市流通的限售股為首次公開發行限售股。");
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
}

#[test]
fn letters_posts_maps_and_outlooks_are_no_products() {
    for text in [
        "星河集团主席与首席执行官联合发布致股东信。",
        "星河集团在公司内网发布帖文，谈及企业文化。",
        "国际组织发布全球农业高风险区分布图。",
        "星河研究院将于7月发布《世界经济展望》更新版本。",
        "星河集團主席與首席執行官聯合發布致股東信。",
    ] {
        let r = run(text);
        assert_eq!(of(&r, "launch"), Vec::<&Event>::new(), "{text}");
    }
    let r = run("小米集团发布新款手机。");
    assert_eq!(of(&r, "launch").len(), 1, "{:#?}", r.events);
}

#[test]
fn the_target_company_s_figures_are_not_the_buyer_s() {
    let r = run(
        "星河集团公告称，拟收购东海精密53%股权。标的公司原股东承诺，2026年度净利润不低于1.2亿元。星河集团2025年营收300亿元。",
    );
    let e = of(&r, "financial_report");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(amount(e[0], "amount").as_deref(), Some("30000000000 CNY"));
    let r = run("星河集團公告稱，擬收購東海精密53%股權。標的公司2025年實現營業收入2.24億元。");
    assert_eq!(of(&r, "financial_report"), Vec::<&Event>::new());
    let r = run("星河集團公告稱，擬收購東海精密53%股權。公司2025年實現營業收入2.24億元。");
    assert_eq!(of(&r, "financial_report").len(), 1, "{:#?}", r.events);
}

#[test]
fn a_company_named_in_the_body_is_the_same_company_in_the_headline() {
    let r = run(
        "【星华新材：拟8400万元收购天宽科技40%股权】财联社5月19日电，星华新材(301077.SZ)公告称。",
    );
    let e = of(&r, "acquisition");
    assert!(!e.is_empty(), "{:#?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("星华新材"));
    assert_eq!(
        r.organizations[0].mentions.len(),
        2,
        "{:?}",
        r.organizations
    );
    let r = run(
        "【星華新材：擬8400萬元收購天寬科技40%股權】財聯社5月19日電，星華新材(301077.SZ)公告稱。",
    );
    let e = of(&r, "acquisition");
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("星华新材"));
}

#[test]
fn durations_delistings_and_other_parties_are_no_events() {
    // 成立已接近20年: how old a company is, not its founding.
    let r = run("成立已接近20年的北辰汽车金融有限公司获批解散。");
    assert_eq!(of(&r, "founding"), Vec::<&Event>::new());
    let r = run("成立已接近20年的北辰汽車金融有限公司獲批解散。");
    assert_eq!(of(&r, "founding"), Vec::<&Event>::new());
    // A delisting is not a listing withdrawn.
    let r = run("*ST星河(600599.SH)公告称，上海证券交易所决定终止公司股票上市。");
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
    // A joint venture's loss is not its partner's.
    let r =
        run("星河集团公告称，公司与霍尼韦尔组建的合资公司长期亏损，2025年净利润为-3320.59万元。");
    assert_eq!(of(&r, "financial_report"), Vec::<&Event>::new());
    let r =
        run("星河集團公告稱，公司與霍尼韋爾組建的合資公司長期虧損，2025年淨利潤為-3320.59萬元。");
    assert_eq!(of(&r, "financial_report"), Vec::<&Event>::new());
    // What investors favour (投资标的) is no round.
    let r = run("星澜科技、北辰芯片等成为外资青睐的投资标的，星澜科技更是获得近2000万美元净买入。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    // `并购纪录`: a record, not a second deal.
    let r = run("【北辰能源拟以660亿美元收购海岚电力 或创史上最大规模电力并购纪录】");
    let e = of(&r, "acquisition");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "acquirer").as_deref(), Some("北辰能源"));
}

#[test]
fn sponsors_working_as_such_are_not_the_company_listing() {
    let r = run("鼎信证券和汇远银行正作为联席保荐人协助该公司推进上市事宜。");
    for e in of(&r, "ipo") {
        let c = e.args.get("company");
        assert!(
            !matches!(c, Some(Arg::Text(t)) if t == "汇远银行" || t == "鼎信证券"),
            "{e:#?}"
        );
    }
    assert_eq!(
        of(&r, "ipo")
            .iter()
            .filter(|e| e.args.contains_key("company"))
            .count(),
        0,
        "{:#?}",
        r.events
    );
}

#[test]
fn anniversaries_refinancing_and_unlisted_shares_are_no_events() {
    let r = run("庆祝中国共产党成立105周年音乐会在京举行。");
    assert_eq!(of(&r, "founding"), Vec::<&Event>::new());
    let r = run("慶祝中國共產黨成立105周年音樂會在京舉行。");
    assert_eq!(of(&r, "founding"), Vec::<&Event>::new());
    let r = run("星河光学公告称，公司拟将债券发行所得款项用于为现有债务再融资。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    let r =
        run("【星河银行获准担任清算行】为促进中非贸易投资便利化，央行决定授权星河银行担任清算行。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    // 未上市 (unlisted) is not an IPO told as negated.
    let r = run("星河创投基金为未上市未挂牌企业注入5.25万亿元资本。");
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
}

#[test]
fn one_urged_to_leave_has_not_left_yet() {
    let r = run("英国交通大臣海迪·亚历山大敦促首相斯塔默离任。");
    let e = of(&r, "departure");
    assert_eq!(e.len(), 1, "{:#?}", r.events);
    assert_eq!(text(e[0], "person").as_deref(), Some("斯塔默"));
    assert_eq!(e[0].status, EventStatus::Forecast);
    let r = run("英國交通大臣海迪·亞歷山大敦促首相斯塔默離任。");
    let e = of(&r, "departure");
    assert_eq!(e[0].status, EventStatus::Forecast);
}

#[test]
fn the_company_bought_in_one_clause_buys_nothing_in_the_next() {
    for text in [
        "星河医药将以现金支付至多7.8亿美元以收购海岚生物，将斥资至多15.5亿美元收购北辰疫苗公司。",
        "星河醫藥將以現金支付至多7.8億美元以收購海嵐生物，將斥資至多15.5億美元收購北辰疫苗公司。",
    ] {
        let r = run(text);
        let e = of(&r, "acquisition");
        assert_eq!(e.len(), 2, "{:#?}", r.events);
        for e in e {
            assert_eq!(e.args.get("acquirer"), None, "{e:#?}");
        }
    }
}

#[test]
fn results_share_listings_and_offering_sizes_are_not_other_events() {
    // `发布FY27Q1业绩`: results, not a product.
    let r = run("中信建投研报指出，英伟达发布FY27Q1业绩，业绩超市场预期。");
    assert_eq!(of(&r, "launch"), Vec::<&Event>::new());
    let r = run("中信建投研報指出，輝達發布FY27Q1業績，業績超市場預期。");
    assert_eq!(of(&r, "launch"), Vec::<&Event>::new());
    // Listing approval for shares already issued.
    let r = run("星河矿业公告，公司已收到联交所就3.66亿股H股上市及买卖的批准。");
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
    // The offering's size is the listing's, not a round of its own.
    let r = run("江苏星河电子股份有限公司沪市主板IPO获受理，公司拟融资金额12亿元。");
    assert_eq!(of(&r, "funding"), Vec::<&Event>::new());
    assert_eq!(of(&r, "ipo").len(), 1, "{:#?}", r.events);
}

#[test]
fn a_drug_approved_for_market_and_deal_lists_are_no_listing() {
    let r = run(
        "星河医药公告，子公司星河制药有限公司收到国家药品监督管理局的通知，批准公司甘油三酯中/长链脂肪乳注射液上市。",
    );
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
    let r = run(
        "星河醫藥公告，子公司星河製藥有限公司收到國家藥品監督管理局的通知，批准公司甘油三酯中/長鏈脂肪乳注射液上市。",
    );
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
    let r = run("瑞银今年上半年参与的IPO、定增、可转债项目来看，长线资金仍看好中国资产。");
    assert_eq!(of(&r, "ipo"), Vec::<&Event>::new());
}

#[test]
fn the_one_shares_are_issued_to_subscribes_and_does_not_raise() {
    for sentence in [
        "星河环保公告，公司拟向控股股东北辰新能源科技有限公司发行股票募资不超过8亿元。",
        "星河環保公告，公司擬向控股股東北辰新能源科技有限公司發行股票募資不超過8億元。",
    ] {
        let r = run(sentence);
        let e = of(&r, "funding");
        assert_eq!(e.len(), 1, "{:#?}", r.events);
        assert_eq!(text(e[0], "company").as_deref(), Some("星河环保"));
        assert_eq!(names(e[0], "investors"), vec!["北辰新能源科技有限公司"]);
    }
}
