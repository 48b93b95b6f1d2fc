use super::*;
use crate::decimal::Decimal;
use crate::extract::Document;
use crate::normalize::Normalizer;
use crate::record::{CurrencySource, Money, OrgKind, Organization, Percentage, Person, Valuation};
use crate::rules::RuleFile;

static EXTRACTOR: LazyLock<EventExtractor> =
    LazyLock::new(|| EventExtractor::new(&RuleSet::builtin()).expect("built-in event rules load"));

/// A test article with hand-built findings of the earlier extractors.
struct Case {
    text: String,
    ex: Extraction,
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

impl Case {
    fn new(text: &str) -> Case {
        Case {
            text: text.to_string(),
            ex: Extraction::default(),
        }
    }

    /// Character spans of every occurrence of `sub`.
    fn spans(&self, sub: &str) -> Vec<Span> {
        let mut out = Vec::new();
        for (b, _) in self.text.match_indices(sub) {
            let s = self.text[..b].chars().count();
            out.push([s, s + sub.chars().count()]);
        }
        assert!(!out.is_empty(), "{sub:?} not in {:?}", self.text);
        out
    }

    fn span(&self, sub: &str) -> Span {
        self.spans(sub)[0]
    }

    fn org(mut self, written: &str, normalized: &str) -> Case {
        let mentions = self.spans(written);
        self.ex.organizations.push(Organization {
            name: written.to_string(),
            normalized: normalized.to_string(),
            canonical: None,
            kind: OrgKind::Company,
            mentions,
        });
        self
    }

    fn person(mut self, written: &str, normalized: &str) -> Case {
        let mentions = self.spans(written);
        self.ex.persons.push(Person {
            name: written.to_string(),
            normalized: normalized.to_string(),
            canonical: None,
            mentions,
            titles: Vec::new(),
        });
        self
    }

    /// The `nth` occurrence of `written` as an amount.
    fn money_at(mut self, written: &str, nth: usize, value: &str, currency: &str) -> Case {
        let s = self.spans(written)[nth];
        self.ex.money.push(Money {
            text: written.to_string(),
            start: s[0],
            end: s[1],
            value: dec(value),
            max: None,
            currency: currency.to_string(),
            currency_source: CurrencySource::Explicit,
            qualifier: None,
            equivalent_of: None,
            per: None,
        });
        self.ex.money.sort_by_key(|m| m.start);
        self
    }

    fn money(self, written: &str, value: &str, currency: &str) -> Case {
        self.money_at(written, 0, value, currency)
    }

    fn valuation(mut self, written: &str, company: &str) -> Case {
        let s = self.span(written);
        let i = self
            .ex
            .money
            .iter()
            .position(|m| m.start == s[0])
            .expect("money first");
        let m = &self.ex.money[i];
        self.ex.valuations.push(Valuation {
            company: Some(company.to_string()),
            value: m.value,
            currency: m.currency.clone(),
            text: m.text.clone(),
            start: m.start,
            end: m.end,
            money_index: i,
        });
        self
    }

    fn percent(mut self, written: &str, value: &str) -> Case {
        let s = self.span(written);
        self.ex.percentages.push(Percentage {
            text: written.to_string(),
            start: s[0],
            end: s[1],
            value: dec(value),
            points: false,
        });
        self
    }

    fn run_with(&self, ex: &EventExtractor) -> Vec<Event> {
        let view = Normalizer::new().normalize(&self.text).text;
        let doc = Document::new(&self.text, &view, Vec::new());
        let mut out = self.ex.clone();
        ex.extract(&doc, &mut out);
        out.events
    }

    fn run(&self) -> Vec<Event> {
        self.run_with(&EXTRACTOR)
    }
}

fn text(e: &Event, role: &str) -> Option<String> {
    match e.args.get(role)? {
        Arg::Text(t) => Some(t.clone()),
        other => panic!("{role} is not text: {other:?}"),
    }
}

fn names(e: &Event, role: &str) -> Vec<String> {
    match e.args.get(role) {
        Some(Arg::Names(n)) => n.clone(),
        None => Vec::new(),
        Some(other) => panic!("{role} is not a list: {other:?}"),
    }
}

fn amount(e: &Event, role: &str) -> Option<(Decimal, String)> {
    match e.args.get(role)? {
        Arg::Money(m) => Some((m.value, m.currency.clone())),
        other => panic!("{role} is not money: {other:?}"),
    }
}

fn number(e: &Event, role: &str) -> Option<Decimal> {
    match e.args.get(role)? {
        Arg::Number(n) => Some(*n),
        other => panic!("{role} is not a number: {other:?}"),
    }
}

fn only<'a>(events: &'a [Event], kind: &str) -> &'a Event {
    let of: Vec<&Event> = events.iter().filter(|e| e.kind == kind).collect();
    assert_eq!(of.len(), 1, "expected one {kind} event in {events:#?}");
    of[0]
}

fn kinds(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.kind.as_str()).collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn funding_with_lead_investors_amount_and_valuation() {
    let c = Case::new("深度智联宣布完成20亿元B轮融资，估值达到150亿元，由红杉中国领投，腾讯、美团和高瓴资本跟投。")
        .org("深度智联", "深度智联")
        .org("红杉中国", "红杉中国")
        .org("腾讯", "腾讯")
        .org("美团", "美团")
        .org("高瓴资本", "高瓴资本")
        .money("20亿元", "2000000000", "CNY")
        .money("150亿元", "15000000000", "CNY");
    let ev = c.run();
    let e = only(&ev, "funding");
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(text(e, "company").as_deref(), Some("深度智联"));
    assert_eq!(amount(e, "amount"), Some((dec("2000000000"), "CNY".into())));
    assert_eq!(
        amount(e, "valuation"),
        Some((dec("15000000000"), "CNY".into()))
    );
    assert_eq!(text(e, "round").as_deref(), Some("B轮"));
    assert_eq!(names(e, "lead_investors"), s(&["红杉中国"]));
    assert_eq!(names(e, "investors"), s(&["腾讯", "美团", "高瓴资本"]));
    assert_eq!(e.status, EventStatus::Asserted);
    assert_eq!(e.trigger.text, "融资");
    assert_eq!([e.trigger.start, e.trigger.end], c.span("融资"));
    assert_eq!(e.sentence, [0, c.text.chars().count()]);
}

#[test]
fn funding_traditional_with_participants() {
    let c = Case::new("星河動力宣布獲得5億美元融資，由紅杉資本領投，微軟、輝達和軟銀參投。")
        .org("星河動力", "星河动力")
        .org("紅杉資本", "红杉资本")
        .org("微軟", "微软")
        .org("輝達", "英伟达")
        .org("軟銀", "软银")
        .money("5億美元", "500000000", "USD");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(e.kind, "funding");
    assert_eq!(text(e, "company").as_deref(), Some("星河动力"));
    assert_eq!(names(e, "lead_investors"), s(&["红杉资本"]));
    assert_eq!(names(e, "investors"), s(&["微软", "英伟达", "软银"]));
    assert_eq!(amount(e, "amount"), Some((dec("500000000"), "USD".into())));
    assert_eq!(e.trigger.text, "融資");
}

#[test]
fn withdrawn_investor_takes_the_round_of_the_earlier_sentence() {
    let c = Case::new("极光科技宣布获得30亿元融资。消息人士称，苹果最终决定退出本轮融资。")
        .org("极光科技", "极光科技")
        .org("苹果", "苹果")
        .money("30亿元", "3000000000", "CNY");
    let ev = c.run();
    assert_eq!(kinds(&ev), vec!["funding", "funding"], "{ev:#?}");
    assert_eq!(ev[0].status, EventStatus::Asserted);
    assert_eq!(text(&ev[0], "company").as_deref(), Some("极光科技"));
    assert_eq!(ev[1].status, EventStatus::Withdrawn);
    assert_eq!(text(&ev[1], "company").as_deref(), Some("极光科技"));
    assert_eq!(names(&ev[1], "investors"), s(&["苹果"]));
}

#[test]
fn withdrawn_traditional() {
    let c = Case::new("極光科技宣布獲得30億元融資。蘋果最終決定退出本輪融資。")
        .org("極光科技", "极光科技")
        .org("蘋果", "苹果");
    let ev = c.run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert_eq!(ev[1].status, EventStatus::Withdrawn);
    assert_eq!(names(&ev[1], "investors"), s(&["苹果"]));
}

#[test]
fn denial_is_negated() {
    let c = Case::new("云帆科技否认正在进行新一轮融资，并表示尚未与任何潜在投资者达成任何协议。")
        .org("云帆科技", "云帆科技");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status, EventStatus::Negated);
    assert_eq!(text(&ev[0], "company").as_deref(), Some("云帆科技"));
    let t = Case::new("雲帆科技否認正在進行新一輪融資，並表示尚未與任何潛在投資者達成任何協議。")
        .org("雲帆科技", "云帆科技");
    let ev = t.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status, EventStatus::Negated);
}

#[test]
fn forecast_cues() {
    let c = Case::new("星河动力计划明年在科创板上市。").org("星河动力", "星河动力");
    let ev = c.run();
    let e = only(&ev, "ipo");
    assert_eq!(e.status, EventStatus::Forecast);
    assert_eq!(text(e, "exchange").as_deref(), Some("科创板"));
    assert_eq!(text(e, "company").as_deref(), Some("星河动力"));
}

#[test]
fn lead_share_is_not_the_round_amount() {
    let c = Case::new("极光科技完成20亿元融资，本轮由晨星资本领投，其贡献了20亿元中的5亿元。")
        .org("极光科技", "极光科技")
        .org("晨星资本", "晨星资本")
        .money_at("20亿元", 0, "2000000000", "CNY")
        .money_at("20亿元", 1, "2000000000", "CNY")
        .money("5亿元", "500000000", "CNY");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(amount(e, "amount"), Some((dec("2000000000"), "CNY".into())));
    assert_eq!(
        amount(e, "lead_amount"),
        Some((dec("500000000"), "CNY".into()))
    );
    assert_eq!(names(e, "lead_investors"), s(&["晨星资本"]));
}

#[test]
fn valuation_from_the_valuation_extractor() {
    let c = Case::new("极光科技获得10亿美元投资后估值升至300亿美元。")
        .org("极光科技", "极光科技")
        .money("10亿美元", "1000000000", "USD")
        .money("300亿美元", "30000000000", "USD")
        .valuation("300亿美元", "极光科技");
    let ev = c.run();
    let e = only(&ev, "funding");
    assert_eq!(
        amount(e, "valuation"),
        Some((dec("30000000000"), "USD".into()))
    );
    assert_eq!(amount(e, "amount"), Some((dec("1000000000"), "USD".into())));
}

#[test]
fn acquisition_with_amount_target_and_stake() {
    let c = Case::new("华工集团以12亿元收购新源电子的30%股份。")
        .org("华工集团", "华工集团")
        .org("新源电子", "新源电子")
        .money("12亿元", "1200000000", "CNY")
        .percent("30%", "30");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(e.kind, "acquisition");
    assert_eq!(text(e, "acquirer").as_deref(), Some("华工集团"));
    assert_eq!(text(e, "target").as_deref(), Some("新源电子"));
    assert_eq!(amount(e, "amount"), Some((dec("1200000000"), "CNY".into())));
    assert_eq!(number(e, "stake"), Some(dec("30")));
    assert_eq!(e.status, EventStatus::Asserted);
}

#[test]
fn acquisition_with_amount_and_no_named_target() {
    // `require = ["target|amount"]`: an acquisition whose target is not a
    // name (a plant, a business) stands on its amount.
    let c = Case::new("星河集团以5亿元收购了苏州一家精密零件工厂。")
        .org("星河集团", "星河集团")
        .money("5亿元", "500000000", "CNY");
    let e = only(&c.run(), "acquisition").clone();
    assert_eq!(text(&e, "acquirer").as_deref(), Some("星河集团"));
    assert_eq!(amount(&e, "amount"), Some((dec("500000000"), "CNY".into())));
    assert_eq!(e.status, EventStatus::Asserted);
    // Neither a target nor an amount: no event.
    let c = Case::new("星河集团表示收购是长期战略的一部分。").org("星河集团", "星河集团");
    assert!(kinds(&c.run()).is_empty());
    // Money flowing into the stock market is not a stake.
    let c = Case::new("外资年内净流入股市131亿美元。").money("131亿美元", "13100000000", "USD");
    assert!(kinds(&c.run()).is_empty());
    // Grain purchases are not acquisitions.
    let c = Case::new("农发行安排500亿元贷款支持夏粮收购。").money("500亿元", "50000000000", "CNY");
    assert!(kinds(&c.run()).is_empty());
}

#[test]
fn guessed_target_after_the_aspect_particle() {
    let c = Case::new("远景集团上月收购了星辰光电。").org("远景集团", "远景集团");
    let e = only(&c.run(), "acquisition").clone();
    assert_eq!(text(&e, "acquirer").as_deref(), Some("远景集团"));
    assert_eq!(text(&e, "target").as_deref(), Some("星辰光电"));
    let c = Case::new("遠景集團上月收購了星辰光電。").org("遠景集團", "远景集团");
    let e = only(&c.run(), "acquisition").clone();
    // A guessed name is given as the view writes it, like other guesses.
    assert_eq!(text(&e, "target").as_deref(), Some("星辰光电"));
}

#[test]
fn acquisition_traditional_and_passive() {
    let c = Case::new("華工集團擬以12億元收購新源電子的30%股份。")
        .org("華工集團", "华工集团")
        .org("新源電子", "新源电子")
        .percent("30%", "30");
    let ev = c.run();
    let e = only(&ev, "acquisition");
    assert_eq!(text(e, "acquirer").as_deref(), Some("华工集团"));
    assert_eq!(text(e, "target").as_deref(), Some("新源电子"));
    assert_eq!(e.status, EventStatus::Forecast);
    let p = Case::new("新源电子去年被华工集团收购。")
        .org("华工集团", "华工集团")
        .org("新源电子", "新源电子");
    let ev = p.run();
    let e = only(&ev, "acquisition");
    assert_eq!(text(e, "acquirer").as_deref(), Some("华工集团"));
    assert_eq!(text(e, "target").as_deref(), Some("新源电子"));
}

#[test]
fn takeover_offer_without_actor_is_at_most_forecast() {
    let c = Case::new("新源电子周一收到一份收购要约。").org("新源电子", "新源电子");
    let ev = c.run();
    let e = only(&ev, "acquisition");
    assert_eq!(e.status, EventStatus::Forecast);
    assert_eq!(text(e, "target").as_deref(), Some("新源电子"));
    assert!(!e.args.contains_key("acquirer"));
}

#[test]
fn ipo_on_an_exchange() {
    let c = Case::new("极光科技今日在港交所挂牌上市。").org("极光科技", "极光科技");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, "ipo");
    assert_eq!(text(&ev[0], "company").as_deref(), Some("极光科技"));
    assert_eq!(text(&ev[0], "exchange").as_deref(), Some("港交所"));
    let t = Case::new("極光科技今日在納斯達克上市。").org("極光科技", "极光科技");
    let ev = t.run();
    let e = only(&ev, "ipo");
    assert_eq!(text(e, "exchange").as_deref(), Some("纳斯达克"));
    assert_eq!(e.trigger.text, "上市");
}

#[test]
fn traps_are_not_events() {
    for t in [
        "截至昨日，沪市融资余额为1.2万亿元，融资融券余额连续三日增加。",
        "多家上市公司晚间发布公告称，将回购股份。",
        "星河动力昨日发布报告，称行业需求回暖。",
        "本周共有12家上市公司发布业绩预告。",
        "滬市融資餘額連續三日增加。",
    ] {
        let c = if t.contains("星河动力") {
            Case::new(t).org("星河动力", "星河动力")
        } else {
            Case::new(t)
        };
        assert_eq!(c.run(), Vec::new(), "{t}");
    }
}

#[test]
fn departure_with_organization_and_title() {
    let c = Case::new("张伟辞去星河动力首席执行官职务。")
        .person("张伟", "张伟")
        .org("星河动力", "星河动力");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(e.kind, "departure");
    assert_eq!(text(e, "person").as_deref(), Some("张伟"));
    assert_eq!(text(e, "organization").as_deref(), Some("星河动力"));
    assert_eq!(text(e, "title").as_deref(), Some("首席执行官"));
    let t = Case::new("張偉辭去星河動力首席執行官職務。")
        .person("張偉", "张伟")
        .org("星河動力", "星河动力");
    let ev = t.run();
    let e = only(&ev, "departure");
    assert_eq!(text(e, "title").as_deref(), Some("首席执行官"));
    assert_eq!(e.trigger.text, "辭去");
}

#[test]
fn departure_with_destination_and_pronoun() {
    let c = Case::new("联合创始人李明对公司战略感到失望，也曾挽留王强。今年3月，他离开了极光科技，转投了竞争对手云帆科技。")
        .person("李明", "李明")
        .person("王强", "王强")
        .org("极光科技", "极光科技")
        .org("云帆科技", "云帆科技");
    let ev = c.run();
    let e = only(&ev, "departure");
    assert_eq!(text(e, "person").as_deref(), Some("李明"));
    assert_eq!(text(e, "organization").as_deref(), Some("极光科技"));
    assert_eq!(text(e, "destination").as_deref(), Some("云帆科技"));
}

#[test]
fn one_departure_per_person() {
    let c = Case::new("五月，王强和团队负责人李明相继宣布离职。")
        .person("王强", "王强")
        .person("李明", "李明");
    let ev = c.run();
    assert_eq!(kinds(&ev), vec!["departure", "departure"], "{ev:#?}");
    let mut who: Vec<String> = ev.iter().filter_map(|e| text(e, "person")).collect();
    who.sort();
    assert_eq!(who, s(&["李明", "王强"]));
}

#[test]
fn appointment() {
    let c = Case::new("星河动力董事会任命陈静为首席财务官。")
        .person("陈静", "陈静")
        .org("星河动力", "星河动力");
    let ev = c.run();
    let e = only(&ev, "appointment");
    assert_eq!(text(e, "person").as_deref(), Some("陈静"));
    assert_eq!(text(e, "title").as_deref(), Some("首席财务官"));
    assert_eq!(text(e, "organization").as_deref(), Some("星河动力"));
}

#[test]
fn founding_with_founders() {
    let c = Case::new("王芳与李明共同创立了云帆科技。")
        .person("王芳", "王芳")
        .person("李明", "李明")
        .org("云帆科技", "云帆科技");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, "founding");
    assert_eq!(text(&ev[0], "company").as_deref(), Some("云帆科技"));
    assert_eq!(names(&ev[0], "founders"), s(&["王芳", "李明"]));
    let t = Case::new("王芳與李明共同創立了雲帆科技。")
        .person("王芳", "王芳")
        .person("李明", "李明")
        .org("雲帆科技", "云帆科技");
    let ev = t.run();
    assert_eq!(
        names(only(&ev, "founding"), "founders"),
        s(&["王芳", "李明"])
    );
}

#[test]
fn financial_report_metrics_and_status() {
    let c = Case::new("极光科技预计今年营收约为37亿元，但将亏损约5亿元。")
        .org("极光科技", "极光科技")
        .money("37亿元", "3700000000", "CNY")
        .money("5亿元", "500000000", "CNY");
    let ev = c.run();
    assert_eq!(
        kinds(&ev),
        vec!["financial_report", "financial_report"],
        "{ev:#?}"
    );
    assert_eq!(text(&ev[0], "metric").as_deref(), Some("revenue"));
    assert_eq!(
        amount(&ev[0], "amount"),
        Some((dec("3700000000"), "CNY".into()))
    );
    assert_eq!(ev[0].status, EventStatus::Forecast);
    assert_eq!(text(&ev[1], "metric").as_deref(), Some("loss"));
    assert_eq!(
        amount(&ev[1], "amount"),
        Some((dec("500000000"), "CNY".into()))
    );
    assert_eq!(ev[1].status, EventStatus::Forecast);
    assert_eq!(text(&ev[1], "company").as_deref(), Some("极光科技"));
    let t = Case::new("極光科技去年淨利潤為8億元。")
        .org("極光科技", "极光科技")
        .money("8億元", "800000000", "CNY");
    let ev = t.run();
    let e = only(&ev, "financial_report");
    assert_eq!(text(e, "metric").as_deref(), Some("profit"));
    assert_eq!(e.status, EventStatus::Asserted);
}

#[test]
fn layoff_share_and_count() {
    let c = Case::new("星河动力宣布裁员10%。")
        .org("星河动力", "星河动力")
        .percent("10%", "10");
    let e = c.run();
    let e = only(&e, "layoff");
    assert_eq!(number(e, "percent"), Some(dec("10")));
    assert_eq!(text(e, "company").as_deref(), Some("星河动力"));
    let n = Case::new("星河動力宣布裁員約1.2萬人。").org("星河動力", "星河动力");
    let ev = n.run();
    assert_eq!(number(only(&ev, "layoff"), "count"), Some(dec("12000")));
}

#[test]
fn launch_product_but_not_announcements() {
    let c = Case::new("云帆科技今天发布 Aurora-2 模型。").org("云帆科技", "云帆科技");
    let ev = c.run();
    let e = only(&ev, "launch");
    assert_eq!(text(e, "product").as_deref(), Some("Aurora-2"));
    assert_eq!(text(e, "company").as_deref(), Some("云帆科技"));
    let t = Case::new("雲帆科技推出全新《星圖》應用。").org("雲帆科技", "云帆科技");
    let ev = t.run();
    assert_eq!(
        text(only(&ev, "launch"), "product").as_deref(),
        Some("《星图》")
    );
    let r = Case::new("云帆科技发布了一份行业报告。").org("云帆科技", "云帆科技");
    assert_eq!(r.run(), Vec::new());
}

#[test]
fn same_round_in_headline_and_body_is_merged() {
    let c = Case::new("极光科技完成30亿元融资\n极光科技今天宣布完成30亿元融资，估值达200亿元。本轮融资由晨星资本领投。")
        .org("极光科技", "极光科技")
        .org("晨星资本", "晨星资本")
        .money_at("30亿元", 0, "3000000000", "CNY")
        .money_at("30亿元", 1, "3000000000", "CNY")
        .money("200亿元", "20000000000", "CNY");
    let ev = c.run();
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let e = &ev[0];
    assert_eq!(e.mentions.len(), 3);
    assert_eq!(e.sentence, [0, 12]);
    assert_eq!(e.mentions[1].sentence, c.sentence_of("极光科技今天"));
    assert_eq!(
        amount(e, "valuation"),
        Some((dec("20000000000"), "CNY".into()))
    );
    assert_eq!(names(e, "lead_investors"), s(&["晨星资本"]));
}

#[test]
fn different_rounds_stay_apart() {
    let c = Case::new("极光科技去年完成30亿元A轮融资。今年极光科技又完成50亿元B轮融资。")
        .org("极光科技", "极光科技")
        .money("30亿元", "3000000000", "CNY")
        .money("50亿元", "5000000000", "CNY");
    let ev = c.run();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert_eq!(text(&ev[0], "round").as_deref(), Some("A轮"));
    assert_eq!(text(&ev[1], "round").as_deref(), Some("B轮"));
    assert!(ev.iter().all(|e| e.mentions.is_empty()));
}

impl Case {
    fn sentence_of(&self, sub: &str) -> Span {
        let view = Normalizer::new().normalize(&self.text).text;
        let doc = Document::new(&self.text, &view, Vec::new());
        doc.sentence_of(self.span(sub)[0])
    }
}

fn with_rules(content: &str) -> Result<EventExtractor, RuleError> {
    let mut set = RuleSet::builtin();
    set.insert(RuleFile::new(rules::FILE, "rules/events.toml", content));
    EventExtractor::new(&set)
}

fn builtin_text() -> String {
    RuleSet::builtin()
        .get(rules::FILE)
        .expect("built-in events.toml")
        .content
        .clone()
}

fn line_of(content: &str, needle: &str) -> usize {
    let i = content.find(needle).expect("needle in rules");
    content[..i].matches('\n').count() + 1
}

#[test]
fn mistaken_rule_files_are_refused_with_line() {
    let base = builtin_text();
    let bad = base.replacen("fill = \"valuation\"", "fill = \"valuaton\"", 1);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "\"valuaton\"")));
    assert!(err.to_string().starts_with("rules/events.toml:"));
    assert!(err.reason.contains("unknown fill \"valuaton\""), "{err}");

    let bad = base.replacen("traps = [\"融资余额\"", "traps = [\"余额\"", 1);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "traps = [\"余额\"")));
    assert!(
        err.reason.contains("contains none of the triggers"),
        "{err}"
    );

    let bad = base.replacen("subject = \"acquirer\"", "subject = \"buyer\"", 1);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "\"buyer\"")));

    let bad = base.replacen("max_gap = 8", "max_gap = 8\n  sidee = \"after\"", 1);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "sidee")));

    let bad = base.replacen("side = \"after\"", "side = \"later\"", 1);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "\"later\"")));
    assert!(err.reason.contains("unknown side"));

    let bad = base.replacen("require = [\"company\"]", "require = [\"compnay\"]", 1);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "\"compnay\"")));

    let bad = base.replacen(
        "require = [\"target|amount\"]",
        "require = [\"target|amout\"]",
        1,
    );
    assert_ne!(bad, base);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "\"target|amout\"")));
    assert!(err.reason.contains("\"amout\""), "{err}");

    let bad = base.replacen("triggers = [\"融资\"", "triggers = [\"\", \"融资\"", 1);
    assert!(with_rules(&bad).is_err());
}

#[test]
fn a_new_type_is_only_rule_data() {
    let mut rules = builtin_text();
    rules.push_str(
        "\n[[event]]\ntype = \"bankruptcy\"\nsubject = \"company\"\ntriggers = [\"破产\"]\n\
         traps = [\"破产法\"]\nrequire = [\"company\"]\n\n  [[event.role]]\n  name = \"company\"\n  \
         fill = \"org\"\n  side = \"before\"\n  max_gap = 12\n",
    );
    let ex = with_rules(&rules).expect("valid rules");
    let c = Case::new("新源电子宣布申请破产。").org("新源电子", "新源电子");
    let ev = c.run_with(&ex);
    let e = only(&ev, "bankruptcy");
    assert_eq!(text(e, "company").as_deref(), Some("新源电子"));
    let t = Case::new("新源電子宣布申請破產。").org("新源電子", "新源电子");
    assert_eq!(only(&t.run_with(&ex), "bankruptcy").trigger.text, "破產");
    let trap = Case::new("新源电子研究了破产法。").org("新源电子", "新源电子");
    assert_eq!(trap.run_with(&ex), Vec::new());
}

#[test]
fn anaphor_refers_to_the_most_told_round() {
    let c = Case::new(
        "极光科技完成30亿元融资。极光科技本次融资由晨星资本领投，规模超过了云帆科技的10亿元融资。消息称，苹果决定退出这轮融资。",
    )
    .org("极光科技", "极光科技")
    .org("晨星资本", "晨星资本")
    .org("云帆科技", "云帆科技")
    .org("苹果", "苹果")
    .money("30亿元", "3000000000", "CNY")
    .money("10亿元", "1000000000", "CNY");
    let ev = c.run();
    assert_eq!(ev.len(), 3, "{ev:#?}");
    assert_eq!(text(&ev[0], "company").as_deref(), Some("极光科技"));
    assert_eq!(ev[0].mentions.len(), 2);
    assert_eq!(names(&ev[0], "lead_investors"), s(&["晨星资本"]));
    assert_eq!(text(&ev[1], "company").as_deref(), Some("云帆科技"));
    assert_eq!(ev[2].status, EventStatus::Withdrawn);
    assert_eq!(text(&ev[2], "company").as_deref(), Some("极光科技"));
    assert_eq!(names(&ev[2], "investors"), s(&["苹果"]));
}

#[test]
fn second_metric_takes_the_subject_of_the_first() {
    let c = Case::new(
        "财报显示，极光科技第三季度营收为52亿元，同比下降3%；净利润为6.5亿元，同比增长12%。",
    )
    .org("极光科技", "极光科技")
    .money("52亿元", "5200000000", "CNY")
    .money("6.5亿元", "650000000", "CNY");
    let ev = c.run();
    assert_eq!(kinds(&ev), vec!["financial_report", "financial_report"]);
    assert_eq!(text(&ev[1], "metric").as_deref(), Some("profit"));
    assert_eq!(text(&ev[1], "company").as_deref(), Some("极光科技"));
    let t = Case::new("極光科技第二季營收為新臺幣40億元；稅後淨損新臺幣3.2億元。")
        .org("極光科技", "极光科技")
        .money("新臺幣40億元", "4000000000", "TWD")
        .money("新臺幣3.2億元", "320000000", "TWD");
    let ev = t.run();
    assert_eq!(kinds(&ev), vec!["financial_report", "financial_report"]);
    assert_eq!(text(&ev[1], "metric").as_deref(), Some("loss"));
    assert_eq!(text(&ev[1], "company").as_deref(), Some("极光科技"));
    let p = Case::new("極光科技第二季稅後純益新臺幣9億元。")
        .org("極光科技", "极光科技")
        .money("新臺幣9億元", "900000000", "TWD");
    let ev = p.run();
    assert_eq!(
        text(only(&ev, "financial_report"), "metric").as_deref(),
        Some("profit")
    );
}

#[test]
fn a_subject_is_not_inherited_across_full_stops() {
    let c = Case::new("极光科技全年营收为52亿元。分产品看，储能设备实现收入20亿元。")
        .org("极光科技", "极光科技")
        .money("52亿元", "5200000000", "CNY")
        .money("20亿元", "2000000000", "CNY");
    let ev = c.run();
    let e = only(&ev, "financial_report");
    assert_eq!(amount(e, "amount"), Some((dec("5200000000"), "CNY".into())));
}

#[test]
fn a_name_inside_a_metric_phrase_is_not_the_company() {
    let c = Case::new("极光科技发布年报；实现归属于上市公司股东的净利润12.5亿元，同比增长8%，营收和净利润均创新高。")
        .org("极光科技", "极光科技")
        .org("归属于上市公司", "归属于上市公司")
        .money("12.5亿元", "1250000000", "CNY");
    let ev = c.run();
    let e = only(&ev, "financial_report");
    assert_eq!(text(e, "company").as_deref(), Some("极光科技"));
    assert_eq!(text(e, "metric").as_deref(), Some("profit"));
}

#[test]
fn operating_profit_and_prior_period_are_not_reports() {
    let c = Case::new("极光科技全年营业利润为3亿元，净利润为2.4亿元，而上年同期为净亏损1.1亿元。")
        .org("极光科技", "极光科技")
        .money("3亿元", "300000000", "CNY")
        .money("2.4亿元", "240000000", "CNY")
        .money("1.1亿元", "110000000", "CNY");
    let ev = c.run();
    let e = only(&ev, "financial_report");
    assert_eq!(amount(e, "amount"), Some((dec("240000000"), "CNY".into())));
}

#[test]
fn a_rounded_headline_figure_merges_with_the_body() {
    let c = Case::new("极光科技去年净利润12亿元\n极光科技去年实现净利润12.04亿元，同比增长9%。")
        .org("极光科技", "极光科技")
        .money("12亿元", "1200000000", "CNY")
        .money("12.04亿元", "1204000000", "CNY");
    let ev = c.run();
    let e = only(&ev, "financial_report");
    assert_eq!(e.mentions.len(), 2, "{e:#?}");
    let apart = Case::new("极光科技去年净利润12亿元\n极光科技去年实现净利润15亿元。")
        .org("极光科技", "极光科技")
        .money("12亿元", "1200000000", "CNY")
        .money("15亿元", "1500000000", "CNY");
    assert_eq!(apart.run().len(), 2);
}

#[test]
fn an_exchange_is_not_the_listing_company() {
    let c = Case::new("青禾饮品今日在香港联合交易所主板挂牌上市。")
        .org("青禾饮品", "青禾饮品")
        .org("香港联合交易所", "香港联合交易所");
    let ev = c.run();
    assert_eq!(
        text(only(&ev, "ipo"), "company").as_deref(),
        Some("青禾饮品")
    );
    let t = Case::new("據悉，公司將於美國那斯達克證券交易所掛牌。")
        .org("那斯達克證券交易所", "那斯达克证券交易所");
    assert_eq!(t.run(), Vec::new());
}

#[test]
fn letters_and_remarks_are_not_launches() {
    let c = Case::new("云帆科技创始人今天发布内部信，宣布调整架构。").org("云帆科技", "云帆科技");
    assert_eq!(c.run(), Vec::new());
    let t = Case::new("業內人士認為，雲帆科技新模型的發布表明國產模型進步明顯。")
        .org("雲帆科技", "云帆科技");
    assert_eq!(t.run(), Vec::new());
}

#[test]
fn an_empty_org_suffix_is_refused() {
    let base = builtin_text();
    let line = base
        .lines()
        .find(|l| l.starts_with("ignore_org_suffixes = ["))
        .expect("built-in rules set ignore_org_suffixes");
    let bad = base.replacen(line, "ignore_org_suffixes = [\"\"]", 1);
    assert_ne!(bad, base);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(
        err.line,
        Some(line_of(&bad, "ignore_org_suffixes = [\"\"]"))
    );
    assert!(err.reason.contains("empty organisation suffix"), "{err}");
}

#[test]
fn launch_company_earlier_in_the_sentence_or_as_pronoun() {
    let c = Case::new("云帆科技昨晚在上海举行发布会，正式推出旗下首款折叠屏手机Nova Fold 2。")
        .org("云帆科技", "云帆科技");
    let ev = c.run();
    let e = only(&ev, "launch");
    assert_eq!(text(e, "company").as_deref(), Some("云帆科技"));
    assert_eq!(text(e, "product").as_deref(), Some("折叠屏手机Nova Fold 2"));
    let t =
        Case::new("雲帆科技成立於2019年。公司於去年推出智慧助理Lumi。").org("雲帆科技", "云帆科技");
    let ev = t.run();
    let e = only(&ev, "launch");
    assert_eq!(text(e, "company").as_deref(), Some("云帆科技"));
    assert_eq!(text(e, "product").as_deref(), Some("智慧助理Lumi"));
}

#[test]
fn one_product_told_twice_is_one_launch() {
    let c = Case::new("云帆科技发布语言模型Lumi-3\n云帆科技今天正式发布开源语言模型Lumi-3。")
        .org("云帆科技", "云帆科技");
    let ev = c.run();
    assert_eq!(only(&ev, "launch").mentions.len(), 2);
}

#[test]
fn slogans_share_offerings_and_prices_are_not_launches() {
    let c = Case::new("此后，云帆科技推出“快人一步”的营销口号。").org("云帆科技", "云帆科技");
    assert_eq!(c.run(), Vec::new());
    let t = Case::new("青禾飲品此次全球發售約2億股H股，發售價定為每股18港元。")
        .org("青禾飲品", "青禾饮品");
    assert!(t.run().iter().all(|e| e.kind != "launch"));
    let p = Case::new("云帆Pro手机正式开售 售价4999元").org("云帆", "云帆");
    assert_eq!(p.run(), Vec::new());
}

#[test]
fn sale_start_without_an_event_is_still_asserted() {
    let c = Case::new("云帆科技在没有召开发布会的情况下直接开售新款手机Nova 9。")
        .org("云帆科技", "云帆科技");
    let ev = c.run();
    let e = only(&ev, "launch");
    assert_eq!(e.status, EventStatus::Asserted);
    assert_eq!(text(e, "product").as_deref(), Some("手机Nova 9"));
}

#[test]
fn founding_told_with_you_and_announced() {
    let c = Case::new("星河动力由陈立和周宁于2018年在北京创立，目前员工逾500人。")
        .org("星河动力", "星河动力")
        .person("陈立", "陈立")
        .person("周宁", "周宁");
    let ev = c.run();
    let e = only(&ev, "founding");
    assert_eq!(text(e, "company").as_deref(), Some("星河动力"));
    assert_eq!(names(e, "founders"), s(&["陈立", "周宁"]));
    let t = Case::new("一群前工程師合組的晶片公司星河動力今天正式宣佈成立。")
        .org("星河動力", "星河动力");
    let ev = t.run();
    assert_eq!(
        text(only(&ev, "founding"), "company").as_deref(),
        Some("星河动力")
    );
    let n = Case::new("星河动力成立了一个新的研发中心。").org("星河动力", "星河动力");
    assert_eq!(n.run(), Vec::new());
}

#[test]
fn offering_proceeds_in_a_listing_sentence_are_no_round() {
    let c = Case::new("青禾饮品今日在纳斯达克挂牌上市，募资4.2亿美元。")
        .org("青禾饮品", "青禾饮品")
        .money("4.2亿美元", "420000000", "USD");
    let ev = c.run();
    assert_eq!(kinds(&ev), vec!["ipo"]);
    let t = Case::new("青禾飲品今日在那斯達克掛牌上市，募資4.2億美元。")
        .org("青禾飲品", "青禾饮品")
        .money("4.2億美元", "420000000", "USD");
    assert_eq!(kinds(&t.run()), vec!["ipo"]);
    let r = Case::new("青禾饮品今天宣布募资4.2亿美元，由晨星资本领投。")
        .org("青禾饮品", "青禾饮品")
        .org("晨星资本", "晨星资本")
        .money("4.2亿美元", "420000000", "USD");
    assert_eq!(kinds(&r.run()), vec!["funding"]);
}

#[test]
fn a_yield_trigger_must_be_a_trigger() {
    let base = builtin_text();
    let bad = base.replacen(
        "yield_triggers = [\"募资\"",
        "yield_triggers = [\"募款\"",
        1,
    );
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "yield_triggers = [\"募款\"")));
    assert!(err.reason.contains("not a trigger of this event"), "{err}");
}

#[test]
fn the_reporter_of_a_byline_is_no_party() {
    let c = Case::new("（记者 沈明）星河动力副总裁已于5月9日离职。")
        .org("星河动力", "星河动力")
        .person("沈明", "沈明");
    assert_eq!(c.run(), Vec::new());
    let t = Case::new("（記者林書豪／新竹報導）林書豪今天宣佈辭職。").person("林書豪", "林书豪");
    let ev = t.run();
    assert_eq!(
        text(only(&ev, "departure"), "person").as_deref(),
        Some("林书豪")
    );
}

#[test]
fn an_investor_name_ending_in_touzi_is_no_trigger() {
    let c = Case::new("本轮由晨星资本领投，金石投资、远山资本跟投。")
        .org("晨星资本", "晨星资本")
        .org("远山资本", "远山资本");
    assert!(
        c.run()
            .iter()
            .all(|e| text(e, "company").as_deref() != Some("远山资本"))
    );
}

#[test]
fn the_person_replaced_is_not_the_one_appointed() {
    let c = Case::new("2019年，陈立接替周宁出任星河动力董事长。")
        .org("星河动力", "星河动力")
        .person("陈立", "陈立")
        .person("周宁", "周宁");
    let ev = c.run();
    let e = only(&ev, "appointment");
    assert_eq!(text(e, "person").as_deref(), Some("陈立"));
    assert_eq!(text(e, "predecessor").as_deref(), Some("周宁"));
    let t =
        Case::new("去年起，董事會決定接替周寧出任董事長的人選仍未確定。").person("周寧", "周宁");
    assert!(
        t.run()
            .iter()
            .all(|e| text(e, "person").as_deref() != Some("周宁"))
    );
}

#[test]
fn the_way_of_a_stake_is_no_deal() {
    let c = Case::new("这是跨国车企首次以入股方式与国内新势力合作。");
    assert_eq!(c.run(), Vec::new());
    let t = Case::new("雙方將以收購方式整合業務。");
    assert_eq!(t.run(), Vec::new());
    let d = Case::new("星河动力宣布以约7亿美元入股远山汽车。")
        .org("星河动力", "星河动力")
        .org("远山汽车", "远山汽车")
        .money("7亿美元", "700000000", "USD");
    let ev = d.run();
    assert_eq!(
        text(only(&ev, "acquisition"), "acquirer").as_deref(),
        Some("星河动力")
    );
}

#[test]
fn guessed_names_follow_the_guess_rules() {
    let case = Case::new("远景集团收购星辰光电。").org("远景集团", "远景集团");
    let events = case.run();
    let e = only(&events, "acquisition");
    assert_eq!(text(e, "acquirer").as_deref(), Some("远景集团"));
    assert_eq!(text(e, "target").as_deref(), Some("星辰光电"));
    // A word listed under [guess] reject is never taken as a name, and the
    // acquisition, which requires its target or an amount, is dropped.
    let base = builtin_text();
    let edited = base.replacen("reject = [\"要约\"", "reject = [\"星辰光电\", \"要约\"", 1);
    assert_ne!(edited, base);
    let ex = with_rules(&edited).unwrap();
    assert!(!kinds(&case.run_with(&ex)).contains(&"acquisition"));
    let bad = base.replacen("reject = [\"要约\"", "reject = [\" \", \"要约\"", 1);
    let err = with_rules(&bad).err().expect("refused");
    assert_eq!(err.line, Some(line_of(&bad, "reject = [\" \"")));
    assert!(
        err.reason.contains("empty word in [guess] reject"),
        "{}",
        err.reason
    );
}

#[test]
fn tellings_that_put_one_name_in_two_roles_do_not_agree() {
    let draft = |args: &[(&str, &str)]| Draft {
        block: 0,
        trigger: [0, 2],
        sentence: [0, 10],
        status: EventStatus::Asserted,
        args: args
            .iter()
            .map(|(k, v)| (k.to_string(), Arg::Text(v.to_string())))
            .collect(),
        mentions: Vec::new(),
        anaphor: false,
    };
    let a = draft(&[("target", "甬强科技")]);
    let b = draft(&[("acquirer", "甬强科技")]);
    assert!(!agree(&a, &b));
    assert!(!agree(&b, &a));
    // The same name in the same role, or different names, agree.
    let c = draft(&[("target", "甬强科技"), ("acquirer", "安德利")]);
    assert!(agree(&a, &c));
    let d = draft(&[("acquirer", "安德利")]);
    assert!(agree(&a, &d));
}
