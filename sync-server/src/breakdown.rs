//! Breakdowns of the county's figures for one period: distinct learners (counted once
//! over the whole period, never summed over months or courses), attendance minutes,
//! lessons completed and certificates, split by one or two of month, township, center,
//! course, age band and sex, with totals, and hidden where core's small-cell rule
//! ([`baeumteo_core::suppression`]) says so. The statistics page, its CSV and XLSX and
//! `/api/v1/statistics` all come from [`breakdown`] with the one parameter set of
//! [`StatsParams`].
//!
//! The figures per learner, course and month are core's (`monthly_summary_by` grouped
//! by learner, from each center's events with kiosk clocks corrected); this module only
//! filters and unions them. Age is the learner's age in the last year of the period
//! (year − birth year); sex and birth year come from the learner's latest profile, and
//! an erased learner still counts, in the band "unknown".

use std::collections::{BTreeMap, BTreeSet, HashMap};

use baeumteo_core::event::{Event, EventBody, LearnerId};
use baeumteo_core::i18n::{I18n, args};
use baeumteo_core::projection::{YearMonth, log_order, monthly_summary_by};
use baeumteo_core::suppression::{self, Published};
use baeumteo_core::wire::{CenterInfo, corrected_time};
use serde::{Deserialize, Serialize};

use crate::db::{Database, DbError};
use crate::statistics::next_month;

/// What a breakdown can be split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    Month,
    Township,
    Center,
    Course,
    Age,
    Sex,
}

impl Dim {
    pub const ALL: [Dim; 6] = [
        Dim::Month,
        Dim::Township,
        Dim::Center,
        Dim::Course,
        Dim::Age,
        Dim::Sex,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Dim::Month => "month",
            Dim::Township => "township",
            Dim::Center => "center",
            Dim::Course => "course",
            Dim::Age => "age",
            Dim::Sex => "sex",
        }
    }

    pub fn from_code(code: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self, t: &I18n) -> String {
        match self {
            Dim::Month => t.stats_col_month(),
            Dim::Township => t.dashboard_col_township(),
            Dim::Center => t.dashboard_col_center(),
            Dim::Course => t.stats_col_course(),
            Dim::Age => t.stats_col_age(),
            Dim::Sex => t.stats_col_sex(),
        }
    }
}

/// Age bands of the county's reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgeBand {
    Under60,
    From60,
    From65,
    From70,
    From75,
    From80,
    Unknown,
}

impl AgeBand {
    pub const ALL: [AgeBand; 7] = [
        AgeBand::Under60,
        AgeBand::From60,
        AgeBand::From65,
        AgeBand::From70,
        AgeBand::From75,
        AgeBand::From80,
        AgeBand::Unknown,
    ];

    pub fn of(birth_year: Option<u16>, year: i32) -> AgeBand {
        let Some(born) = birth_year else {
            return AgeBand::Unknown;
        };
        match year - i32::from(born) {
            ..60 => AgeBand::Under60,
            60..65 => AgeBand::From60,
            65..70 => AgeBand::From65,
            70..75 => AgeBand::From70,
            75..80 => AgeBand::From75,
            _ => AgeBand::From80,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under60 => "under-60",
            AgeBand::From60 => "60-64",
            AgeBand::From65 => "65-69",
            AgeBand::From70 => "70-74",
            AgeBand::From75 => "75-79",
            AgeBand::From80 => "80-plus",
            AgeBand::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self, t: &I18n) -> String {
        match self {
            AgeBand::Under60 => t.stats_age_under_60(),
            AgeBand::From60 => t.stats_age_band(args::StatsAgeBand {
                from: 60.into(),
                to: 64.into(),
            }),
            AgeBand::From65 => t.stats_age_band(args::StatsAgeBand {
                from: 65.into(),
                to: 69.into(),
            }),
            AgeBand::From70 => t.stats_age_band(args::StatsAgeBand {
                from: 70.into(),
                to: 74.into(),
            }),
            AgeBand::From75 => t.stats_age_band(args::StatsAgeBand {
                from: 75.into(),
                to: 79.into(),
            }),
            AgeBand::From80 => t.stats_age_80_plus(),
            AgeBand::Unknown => t.stats_unknown(),
        }
    }
}

/// Sex as the learner gave it (only with consent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sex {
    Female,
    Male,
    Unknown,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Sex::Female, Sex::Male, Sex::Unknown];

    /// The kiosk records "여" or "남" (or nothing without consent).
    pub fn of(gender: Option<&str>) -> Sex {
        match gender.map(str::trim) {
            Some("여" | "female" | "F" | "f") => Sex::Female,
            Some("남" | "male" | "M" | "m") => Sex::Male,
            _ => Sex::Unknown,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, t: &I18n) -> String {
        match self {
            Sex::Female => t.stats_sex_female(),
            Sex::Male => t.stats_sex_male(),
            Sex::Unknown => t.stats_unknown(),
        }
    }
}

/// The one parameter set of the statistics page, CSV, XLSX and JSON. Every value is
/// optional; an empty value is the same as none.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// First month, `YYYY-MM`.
    pub from: Option<String>,
    /// Last month, `YYYY-MM`.
    pub to: Option<String>,
    /// Instead of `from`/`to`: a year (`2026`), a quarter (`2026-Q3`) or a month
    /// (`2026-09`).
    pub period: Option<String>,
    /// Only this township (읍·면), one of those with figures.
    pub township: Option<String>,
    /// Only this center (its name), one of those with figures.
    pub center: Option<String>,
    /// Only this course (its id).
    pub course: Option<String>,
    /// Only this age band: `under-60`, `60-64`, `65-69`, `70-74`, `75-79`, `80-plus`,
    /// `unknown`.
    pub age: Option<String>,
    /// Only `female`, `male` or `unknown`.
    pub sex: Option<String>,
    /// One or two of `month`, `township`, `center`, `course`, `age`, `sex`, comma
    /// separated (`by=township,age`). Default `month`.
    pub by: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl StatsParams {
    /// The query string of these parameters (`?…`, or empty), with `by` replaced when
    /// given.
    pub fn query_string(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("period", &self.period),
            ("from", &self.from),
            ("to", &self.to),
            ("township", &self.township),
            ("center", &self.center),
            ("course", &self.course),
            ("age", &self.age),
            ("sex", &self.sex),
            ("by", &self.by),
        ] {
            if let Some(v) = given(v) {
                parts.push(format!("{k}={}", crate::dashboard::url_component(v)));
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Why parameters were refused (a 400 with this reason).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("months are written YYYY-MM, e.g. 2026-11: {0:?}")]
    BadMonth(String),
    #[error("a period is a year (2026), a quarter (2026-Q3) or a month (2026-09): {0:?}")]
    BadPeriod(String),
    #[error("give either period or from/to, not both")]
    PeriodAndMonths,
    #[error("the first month comes after the last")]
    FromAfterTo,
    #[error("no such township: {0:?}")]
    UnknownTownship(String),
    #[error("no such center: {0:?}")]
    UnknownCenter(String),
    #[error("no such course: {0:?}")]
    UnknownCourse(String),
    #[error("no such age band: {0:?}")]
    UnknownAge(String),
    #[error("no such sex: {0:?}")]
    UnknownSex(String),
    #[error("by takes one or two of month, township, center, course, age, sex: {0:?}")]
    BadBy(String),
}

impl ParamError {
    /// The reason for a person, in their language.
    pub fn message(&self, t: &I18n) -> String {
        match self {
            ParamError::BadMonth(v) => t.stats_bad_month_value(v.clone()),
            ParamError::BadPeriod(v) => t.stats_bad_period(v.clone()),
            ParamError::PeriodAndMonths => t.stats_period_and_months(),
            ParamError::FromAfterTo => t.stats_from_after_to(),
            ParamError::UnknownTownship(v) => t.stats_unknown_township(v.clone()),
            ParamError::UnknownCenter(v) => t.stats_unknown_center(v.clone()),
            ParamError::UnknownCourse(v) => t.stats_unknown_course(v.clone()),
            ParamError::UnknownAge(v) => t.stats_unknown_age(v.clone()),
            ParamError::UnknownSex(v) => t.stats_unknown_sex(v.clone()),
            ParamError::BadBy(v) => t.stats_bad_by(v.clone()),
        }
    }
}

fn month(v: &str) -> Result<YearMonth, ParamError> {
    YearMonth::try_from(v.to_string()).map_err(|_| ParamError::BadMonth(v.to_string()))
}

/// A period as `2026`, `2026-Q3` or `2026-09`: its first and last month.
pub fn parse_period(v: &str) -> Result<(YearMonth, YearMonth), ParamError> {
    let bad = || ParamError::BadPeriod(v.to_string());
    if let Some((year, q)) = v.split_once("-Q").or_else(|| v.split_once("-q")) {
        let year: i32 = year.parse().map_err(|_| bad())?;
        let q: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) || !(1900..=9999).contains(&year) {
            return Err(bad());
        }
        let first = YearMonth::new(year, q * 3 - 2).ok_or_else(bad)?;
        let last = YearMonth::new(year, q * 3).ok_or_else(bad)?;
        return Ok((first, last));
    }
    if v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = v.parse().map_err(|_| bad())?;
        let first = YearMonth::new(year, 1).ok_or_else(bad)?;
        let last = YearMonth::new(year, 12).ok_or_else(bad)?;
        return Ok((first, last));
    }
    let m = YearMonth::try_from(v.to_string()).map_err(|_| bad())?;
    Ok((m, m))
}

/// The period just before one of the same length (for the change shown on the
/// overview).
pub fn previous_period(from: YearMonth, to: YearMonth) -> (YearMonth, YearMonth) {
    let len = months_between(from, to);
    let mut first = from;
    for _ in 0..len {
        first = crate::statistics::previous_month(first);
    }
    (first, crate::statistics::previous_month(from))
}

/// Months from `from` to `to`, both counted.
pub fn months_between(from: YearMonth, to: YearMonth) -> u32 {
    let n = (to.year - from.year) * 12 + to.month as i32 - from.month as i32 + 1;
    n.max(0) as u32
}

/// Every month from `from` to `to`.
pub fn month_range(from: YearMonth, to: YearMonth) -> Vec<YearMonth> {
    let mut out = Vec::new();
    let mut m = from;
    while m <= to {
        out.push(m);
        m = next_month(m);
    }
    out
}

/// Parameters checked against what the server holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub from: YearMonth,
    pub to: YearMonth,
    pub township: Option<String>,
    pub center: Option<String>,
    pub course: Option<String>,
    pub age: Option<AgeBand>,
    pub sex: Option<Sex>,
    pub by: Vec<Dim>,
}

/// What a learner did in one course and month at one center.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub center: usize,
    pub learner: LearnerId,
    pub course: String,
    pub month: YearMonth,
    /// Attended or studied (a certificate alone does not make a learner).
    pub active: bool,
    pub minutes: u32,
    /// Self-study minutes at a kiosk outside class (core's rule).
    pub self_study: u32,
    pub lessons: u32,
    pub certifications: u32,
}

/// Confirmed service minutes of the activists of a center in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceFact {
    pub center: usize,
    pub month: YearMonth,
    pub confirmed: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Person {
    pub birth_year: Option<u16>,
    pub sex: Option<Sex>,
}

/// Every learner's figures per center, course and month, with what is known of them.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub centers: Vec<CenterInfo>,
    pub facts: Vec<Fact>,
    pub people: HashMap<LearnerId, Person>,
    /// The activists' confirmed service, under the center of their latest certificate.
    pub service: Vec<ServiceFact>,
}

impl Facts {
    /// From each center's events (with the clock offset of each).
    pub fn from_centers(centers: Vec<(CenterInfo, Vec<(Event, i64)>)>) -> Facts {
        let mut out = Facts::default();
        for (center, events) in centers {
            let index = out.centers.len();
            out.centers.push(center);
            let mut corrected: Vec<Event> = events
                .into_iter()
                .map(|(mut e, offset)| {
                    e.at = corrected_time(e.at, offset);
                    e
                })
                .collect();
            log_order(&mut corrected);
            for e in &corrected {
                match &e.body {
                    EventBody::LearnerRegistered {
                        learner_id,
                        profile,
                    }
                    | EventBody::LearnerUpdated {
                        learner_id,
                        profile,
                    } => {
                        out.people.insert(
                            *learner_id,
                            Person {
                                birth_year: Some(profile.birth_year),
                                sex: Some(Sex::of(profile.gender.as_deref())),
                            },
                        );
                    }
                    EventBody::LearnerErased { learner_id } => {
                        out.people.insert(*learner_id, Person::default());
                    }
                    _ => {}
                }
            }
            for (learner, rows) in monthly_summary_by(&corrected, |l| l) {
                for s in rows {
                    out.facts.push(Fact {
                        center: index,
                        learner,
                        course: s.course_id,
                        month: s.month,
                        active: s.learners > 0,
                        minutes: s.attendance_minutes,
                        self_study: s.self_study_minutes,
                        lessons: s.lessons_completed,
                        certifications: s.certifications,
                    });
                }
            }
        }
        out
    }

    /// Every center's facts from the store; `county`, when given, keeps only the
    /// centers of that county.
    pub fn load(db: &dyn Database, scope: &Scope) -> Result<Facts, DbError> {
        let mut centers: Vec<CenterInfo> = db
            .kiosks()?
            .into_iter()
            .map(|k| k.kiosk.center)
            .filter(|c| scope.sees(c))
            .collect();
        centers.sort_by(|a, b| {
            (&a.county, &a.township, &a.center_name).cmp(&(&b.county, &b.township, &b.center_name))
        });
        centers.dedup();
        let mut with_events = Vec::new();
        for c in centers {
            let events = db.center_events(&c)?;
            with_events.push((c, events));
        }
        let mut facts = Facts::from_centers(with_events);
        let certificates = db.certificates()?;
        let activists = crate::activists::ActivistFacts::load(db, &certificates)?;
        facts.add_service(&activists, &certificates);
        Ok(facts)
    }

    /// Each activist's confirmed minutes per month, under their latest certificate's
    /// center when that center is in view.
    pub fn add_service(
        &mut self,
        activists: &crate::activists::ActivistFacts,
        certificates: &[crate::db::CertificateRecord],
    ) {
        let mut home: HashMap<LearnerId, &CenterInfo> = HashMap::new();
        for c in certificates {
            home.insert(c.learner_id, &c.center);
        }
        for (activist, months) in activists.service.minutes_by_month() {
            let Some(center) = home
                .get(&activist)
                .and_then(|c| self.centers.iter().position(|x| x == *c))
            else {
                continue;
            };
            for (month, minutes) in months {
                if minutes.confirmed > 0 {
                    self.service.push(ServiceFact {
                        center,
                        month,
                        confirmed: minutes.confirmed,
                    });
                }
            }
        }
    }

    pub fn townships(&self) -> BTreeSet<String> {
        self.centers.iter().map(|c| c.township.clone()).collect()
    }

    pub fn center_names(&self) -> BTreeSet<String> {
        self.centers.iter().map(|c| c.center_name.clone()).collect()
    }

    pub fn courses(&self) -> BTreeSet<String> {
        self.facts.iter().map(|f| f.course.clone()).collect()
    }

    /// First and last month with any figure.
    pub fn span(&self) -> Option<(YearMonth, YearMonth)> {
        let first = self.facts.iter().map(|f| f.month).min()?;
        let last = self.facts.iter().map(|f| f.month).max()?;
        Some((first, last))
    }

    /// Checks parameters against what is held. Without a period, the whole span of
    /// the figures (or the given `default_period`).
    pub fn select(
        &self,
        p: &StatsParams,
        default_period: Option<(YearMonth, YearMonth)>,
    ) -> Result<Selection, ParamError> {
        let (from, to) = match (given(&p.period), given(&p.from), given(&p.to)) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(ParamError::PeriodAndMonths);
            }
            (Some(period), None, None) => parse_period(period)?,
            (None, from, to) => {
                let span = default_period.or(self.span());
                let fallback = YearMonth::new(2026, 1).unwrap_or(YearMonth {
                    year: 2026,
                    month: 1,
                });
                let from = match from {
                    Some(v) => month(v)?,
                    None => span.map(|s| s.0).unwrap_or(fallback),
                };
                let to = match to {
                    Some(v) => month(v)?,
                    None => span.map(|s| s.1).unwrap_or(from).max(from),
                };
                (from, to)
            }
        };
        if from > to {
            return Err(ParamError::FromAfterTo);
        }
        let township = match given(&p.township) {
            Some(t) if !self.townships().contains(t) => {
                return Err(ParamError::UnknownTownship(t.to_string()));
            }
            t => t.map(str::to_string),
        };
        let center = match given(&p.center) {
            Some(c) if !self.center_names().contains(c) => {
                return Err(ParamError::UnknownCenter(c.to_string()));
            }
            c => c.map(str::to_string),
        };
        let course = match given(&p.course) {
            Some(c) if !self.courses().contains(c) => {
                return Err(ParamError::UnknownCourse(c.to_string()));
            }
            c => c.map(str::to_string),
        };
        let age = match given(&p.age) {
            None => None,
            Some(a) => Some(AgeBand::from_code(a).ok_or(ParamError::UnknownAge(a.to_string()))?),
        };
        let sex = match given(&p.sex) {
            None => None,
            Some(s) => Some(Sex::from_code(s).ok_or(ParamError::UnknownSex(s.to_string()))?),
        };
        let by = match given(&p.by) {
            None => vec![Dim::Month],
            Some(by) => {
                let dims: Vec<Dim> = by
                    .split(',')
                    .map(|d| Dim::from_code(d.trim()).ok_or(ParamError::BadBy(by.to_string())))
                    .collect::<Result<_, _>>()?;
                if dims.is_empty() || dims.len() > 2 || (dims.len() == 2 && dims[0] == dims[1]) {
                    return Err(ParamError::BadBy(by.to_string()));
                }
                dims
            }
        };
        Ok(Selection {
            from,
            to,
            township,
            center,
            course,
            age,
            sex,
            by,
        })
    }

    fn age_of(&self, learner: &LearnerId, year: i32) -> AgeBand {
        AgeBand::of(self.people.get(learner).and_then(|p| p.birth_year), year)
    }

    fn sex_of(&self, learner: &LearnerId) -> Sex {
        self.people
            .get(learner)
            .and_then(|p| p.sex)
            .unwrap_or(Sex::Unknown)
    }

    /// The value of a fact in a dimension, as its code.
    fn key(&self, f: &Fact, dim: Dim, year: i32) -> Key {
        match dim {
            Dim::Month => Key::Month(f.month),
            Dim::Township => Key::Text(self.centers[f.center].township.clone()),
            Dim::Center => Key::Text(self.centers[f.center].center_name.clone()),
            Dim::Course => Key::Course(f.course.clone()),
            Dim::Age => Key::Age(self.age_of(&f.learner, year)),
            Dim::Sex => Key::Sex(self.sex_of(&f.learner)),
        }
    }

    fn keeps(&self, f: &Fact, s: &Selection) -> bool {
        let center = &self.centers[f.center];
        f.month >= s.from
            && f.month <= s.to
            && s.township.as_ref().is_none_or(|t| *t == center.township)
            && s.center.as_ref().is_none_or(|c| *c == center.center_name)
            && s.course.as_ref().is_none_or(|c| *c == f.course)
            && s.age
                .is_none_or(|a| a == self.age_of(&f.learner, s.to.year))
            && s.sex.is_none_or(|x| x == self.sex_of(&f.learner))
    }

    /// Exact (unsuppressed) figures of the selection, over the whole period.
    pub fn totals(&self, s: &Selection) -> Exact {
        let mut e = Accumulator::default();
        for f in self.facts.iter().filter(|f| self.keeps(f, s)) {
            e.add(f);
        }
        e.exact()
    }
}

/// A county officer sees their county (or province); the server's own machine and an
/// unscoped token see everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    All,
    County(String),
    Province(String),
}

impl Scope {
    pub fn sees(&self, center: &CenterInfo) -> bool {
        match self {
            Scope::All => true,
            Scope::County(c) => center.county == *c,
            // The county names its province first ("전라남도 강진군") when it does.
            Scope::Province(p) => center.county.starts_with(p.as_str()),
        }
    }
}

/// One value of a dimension.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Month(YearMonth),
    Text(String),
    Course(String),
    Age(AgeBand),
    Sex(Sex),
}

impl Key {
    /// The value as a parameter or JSON value.
    pub fn code(&self) -> String {
        match self {
            Key::Month(m) => m.to_string(),
            Key::Text(t) | Key::Course(t) => t.clone(),
            Key::Age(a) => a.code().to_string(),
            Key::Sex(s) => s.code().to_string(),
        }
    }

    /// The value for a person; courses by their title.
    pub fn label(&self, t: &I18n, course_title: &dyn Fn(&str) -> String) -> String {
        match self {
            Key::Month(m) => m.to_string(),
            Key::Text(x) => x.clone(),
            Key::Course(x) => course_title(x),
            Key::Age(a) => a.label(t),
            Key::Sex(s) => s.label(t),
        }
    }
}

#[derive(Debug, Default)]
struct Accumulator {
    learners: BTreeSet<LearnerId>,
    minutes: u64,
    lessons: u64,
    certifications: u64,
}

impl Accumulator {
    fn add(&mut self, f: &Fact) {
        if f.active {
            self.learners.insert(f.learner);
        }
        self.minutes += u64::from(f.minutes);
        self.lessons += u64::from(f.lessons);
        self.certifications += u64::from(f.certifications);
    }

    fn exact(&self) -> Exact {
        Exact {
            learners: self.learners.len() as u32,
            attendance_minutes: self.minutes.min(u64::from(u32::MAX)) as u32,
            lessons_completed: self.lessons.min(u64::from(u32::MAX)) as u32,
            certifications: self.certifications.min(u64::from(u32::MAX)) as u32,
        }
    }
}

/// Figures before the small-cell rule (never published as they are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Exact {
    pub learners: u32,
    pub attendance_minutes: u32,
    pub lessons_completed: u32,
    pub certifications: u32,
}

/// Published figures: learners and certificates (counts of people) hidden by the
/// small-cell rule; a line whose learners are hidden hides its other figures too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Figures {
    /// Distinct learners over the period; `null` when hidden (1–4 people, or to keep
    /// another hidden count from being worked out).
    #[schema(value_type = Option<u32>)]
    pub learners: Published,
    pub attendance_minutes: Option<u32>,
    pub lessons_completed: Option<u32>,
    #[schema(value_type = Option<u32>)]
    pub certifications: Published,
}

impl Figures {
    fn of(e: &Exact, learners: Published, certifications: Published) -> Figures {
        let shown = !learners.is_hidden();
        Figures {
            learners,
            attendance_minutes: shown.then_some(e.attendance_minutes),
            lessons_completed: shown.then_some(e.lessons_completed),
            certifications: if shown {
                certifications
            } else {
                Published::Hidden(suppression::Hidden)
            },
        }
    }
}

/// One line of a breakdown: its keys (`None` where the line is the total over that
/// dimension) and figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub keys: Vec<Option<Key>>,
    pub figures: Figures,
}

/// A breakdown: lines for each combination present, then (with two dimensions) the
/// subtotals of each, then the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub from: YearMonth,
    pub to: YearMonth,
    pub by: Vec<Dim>,
    pub lines: Vec<Line>,
    pub total: Figures,
}

/// The breakdown of a selection, suppressed.
pub fn breakdown(facts: &Facts, s: &Selection) -> Breakdown {
    let year = s.to.year;
    let kept: Vec<&Fact> = facts.facts.iter().filter(|f| facts.keeps(f, s)).collect();
    let mut total = Accumulator::default();
    for f in &kept {
        total.add(f);
    }
    let total = total.exact();
    match s.by.as_slice() {
        [a, b] => {
            let mut cells: BTreeMap<(Key, Key), Accumulator> = BTreeMap::new();
            let mut rows: BTreeMap<Key, Accumulator> = BTreeMap::new();
            let mut cols: BTreeMap<Key, Accumulator> = BTreeMap::new();
            for f in &kept {
                let (ka, kb) = (facts.key(f, *a, year), facts.key(f, *b, year));
                cells.entry((ka.clone(), kb.clone())).or_default().add(f);
                rows.entry(ka).or_default().add(f);
                cols.entry(kb).or_default().add(f);
            }
            let row_keys: Vec<Key> = rows.keys().cloned().collect();
            let col_keys: Vec<Key> = cols.keys().cloned().collect();
            let exact_cell = |r: &Key, c: &Key| {
                cells
                    .get(&(r.clone(), c.clone()))
                    .map(Accumulator::exact)
                    .unwrap_or_default()
            };
            let grid = |f: fn(&Exact) -> u32| -> Vec<Vec<u32>> {
                row_keys
                    .iter()
                    .map(|r| col_keys.iter().map(|c| f(&exact_cell(r, c))).collect())
                    .collect()
            };
            let row_exact: Vec<Exact> = rows.values().map(Accumulator::exact).collect();
            let col_exact: Vec<Exact> = cols.values().map(Accumulator::exact).collect();
            let learners = suppression::two_way(
                &grid(|e| e.learners),
                &row_exact.iter().map(|e| e.learners).collect::<Vec<_>>(),
                &col_exact.iter().map(|e| e.learners).collect::<Vec<_>>(),
                total.learners,
            );
            let certs = suppression::two_way(
                &grid(|e| e.certifications),
                &row_exact
                    .iter()
                    .map(|e| e.certifications)
                    .collect::<Vec<_>>(),
                &col_exact
                    .iter()
                    .map(|e| e.certifications)
                    .collect::<Vec<_>>(),
                total.certifications,
            );
            let mut lines = Vec::new();
            for (ri, r) in row_keys.iter().enumerate() {
                for (ci, c) in col_keys.iter().enumerate() {
                    if !cells.contains_key(&(r.clone(), c.clone())) {
                        continue;
                    }
                    lines.push(Line {
                        keys: vec![Some(r.clone()), Some(c.clone())],
                        figures: Figures::of(
                            &exact_cell(r, c),
                            learners.cells[ri][ci],
                            certs.cells[ri][ci],
                        ),
                    });
                }
                lines.push(Line {
                    keys: vec![Some(r.clone()), None],
                    figures: Figures::of(
                        &row_exact[ri],
                        learners.row_totals[ri],
                        certs.row_totals[ri],
                    ),
                });
            }
            for (ci, c) in col_keys.iter().enumerate() {
                lines.push(Line {
                    keys: vec![None, Some(c.clone())],
                    figures: Figures::of(
                        &col_exact[ci],
                        learners.column_totals[ci],
                        certs.column_totals[ci],
                    ),
                });
            }
            Breakdown {
                from: s.from,
                to: s.to,
                by: s.by.clone(),
                lines,
                total: Figures::of(&total, learners.total, certs.total),
            }
        }
        _ => {
            let dim = s.by.first().copied().unwrap_or(Dim::Month);
            let mut groups: BTreeMap<Key, Accumulator> = BTreeMap::new();
            for f in &kept {
                groups.entry(facts.key(f, dim, year)).or_default().add(f);
            }
            let exact: Vec<Exact> = groups.values().map(Accumulator::exact).collect();
            let learners = suppression::one_way(
                &exact.iter().map(|e| e.learners).collect::<Vec<_>>(),
                total.learners,
            );
            let certs = suppression::one_way(
                &exact.iter().map(|e| e.certifications).collect::<Vec<_>>(),
                total.certifications,
            );
            let lines = groups
                .keys()
                .enumerate()
                .map(|(i, k)| Line {
                    keys: vec![Some(k.clone())],
                    figures: Figures::of(&exact[i], learners.cells[i], certs.cells[i]),
                })
                .collect();
            Breakdown {
                from: s.from,
                to: s.to,
                by: vec![dim],
                lines,
                total: Figures::of(&total, learners.total, certs.total),
            }
        }
    }
}

/// A line of `/api/v1/statistics`: the value of each dimension of the breakdown
/// (absent on a subtotal over that dimension), then the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct JsonLine {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub township: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub center: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub course: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// `/api/v1/statistics`: the period, the dimensions, the lines and the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct JsonBreakdown {
    /// First month, `YYYY-MM`.
    pub from: String,
    /// Last month, `YYYY-MM`.
    pub to: String,
    pub by: Vec<Dim>,
    pub lines: Vec<JsonLine>,
    pub total: Figures,
}

impl Breakdown {
    pub fn json(&self) -> JsonBreakdown {
        let lines = self
            .lines
            .iter()
            .map(|l| {
                let mut j = JsonLine {
                    month: None,
                    township: None,
                    center: None,
                    course: None,
                    age: None,
                    sex: None,
                    figures: l.figures,
                };
                for (dim, key) in self.by.iter().zip(&l.keys) {
                    let v = key.as_ref().map(Key::code);
                    match dim {
                        Dim::Month => j.month = v,
                        Dim::Township => j.township = v,
                        Dim::Center => j.center = v,
                        Dim::Course => j.course = v,
                        Dim::Age => j.age = v,
                        Dim::Sex => j.sex = v,
                    }
                }
                j
            })
            .collect();
        JsonBreakdown {
            from: self.from.to_string(),
            to: self.to.to_string(),
            by: self.by.clone(),
            lines,
            total: self.total,
        }
    }
}

/// The breakdown of parameters as the store holds it now.
pub fn load_breakdown(
    db: &dyn Database,
    scope: &Scope,
    p: &StatsParams,
) -> Result<Result<(Facts, Breakdown), ParamError>, DbError> {
    let facts = Facts::load(db, scope)?;
    Ok(facts.select(p, None).map(|s| {
        let b = breakdown(&facts, &s);
        (facts, b)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::event::{Consent, LearnerProfile};
    use chrono::{Duration, TimeZone, Utc};
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use uuid::Uuid;

    const COURSES: [&str; 3] = ["smartphone-basics", "kiosk-order", "kakaotalk"];

    #[test]
    fn confirmed_service_counts_under_the_center_of_the_activists_certificate() {
        let center = |name: &str| CenterInfo {
            center_name: name.into(),
            county: "강진군".into(),
            township: "마량면".into(),
        };
        let mut facts = Facts {
            centers: vec![center("마량 배움터")],
            ..Facts::default()
        };
        let activist = Uuid::from_u128(1);
        let elsewhere = Uuid::from_u128(2);
        let cert = |learner, c: CenterInfo| crate::db::CertificateRecord {
            certificate_no: format!("2026-{learner}"),
            verification_code: "K7Q2".into(),
            learner_id: learner,
            course_id: "digital-activist".into(),
            minutes: 1200,
            issued_at: Utc.with_ymd_and_hms(2026, 9, 1, 1, 0, 0).unwrap(),
            kiosk_id: Uuid::from_u128(900),
            center: c,
            holder: crate::db::Holder::Named("김순자".into()),
        };
        let certificates = [
            cert(activist, center("마량 배움터")),
            cert(elsewhere, center("다른 배움터")),
        ];
        let stored = |seq, body| crate::db::ActivistEvent {
            event: Event {
                id: Uuid::now_v7(),
                kiosk_id: Uuid::from_u128(900),
                seq,
                at: Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap(),
                body,
            },
            clock_offset_ms: 0,
            county: "강진군".into(),
        };
        let session = |id: u128, who| EventBody::ServiceLogged {
            service_id: Uuid::from_u128(id),
            activist_id: who,
            on: chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            start: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            minutes: 120,
            place: baeumteo_core::event::ServicePlace::SeniorCenter,
            place_name: "덕동 경로당".into(),
            help: "사진 보내기".into(),
            residents: 3,
            learners: vec![],
            replaces: None,
            recorded_by: None,
        };
        let confirm = |id: u128| EventBody::ServiceConfirmed {
            service_id: Uuid::from_u128(id),
            instructor_id: Uuid::from_u128(77),
        };
        let events = [
            stored(1, session(10, activist)),
            stored(2, confirm(10)),
            // Waiting: not counted.
            stored(3, session(11, activist)),
            // Another center's activist: not in view.
            stored(4, session(12, elsewhere)),
            stored(5, confirm(12)),
        ];
        let activists = crate::activists::ActivistFacts::from_stored(&events, &certificates);
        facts.add_service(&activists, &certificates);
        assert_eq!(
            facts.service,
            vec![ServiceFact {
                center: 0,
                month: YearMonth::new(2026, 11).unwrap(),
                confirmed: 120,
            }]
        );
    }

    struct County {
        centers: Vec<(CenterInfo, Vec<(Event, i64)>)>,
        /// Learner → (birth year, gender).
        people: BTreeMap<LearnerId, (u16, Option<&'static str>)>,
    }

    /// Three centers in two townships; 90 learners of all ages studying on random days
    /// over 14 months (steps and lessons, which count a learner in their month).
    fn county(seed: u64) -> County {
        let mut rng = StdRng::seed_from_u64(seed);
        let start = Utc.with_ymd_and_hms(2025, 11, 1, 1, 0, 0).unwrap();
        let mut people = BTreeMap::new();
        let mut centers = Vec::new();
        for c in 0..3 {
            let center = CenterInfo {
                center_name: format!("배움터 {c}"),
                county: "강진군".into(),
                township: if c == 2 { "마량면" } else { "강진읍" }.into(),
            };
            let kiosk = Uuid::now_v7();
            let mut events: Vec<(Event, i64)> = Vec::new();
            let mut add = |at, body| {
                let seq = events.len() as u64 + 1;
                events.push((
                    Event {
                        id: Uuid::now_v7(),
                        kiosk_id: kiosk,
                        seq,
                        at,
                        body,
                    },
                    0,
                ));
            };
            for _ in 0..30 {
                let learner = Uuid::now_v7();
                let born: u16 = rng.random_range(1935..1975);
                let gender = [Some("여"), Some("남"), None][rng.random_range(0..3)];
                people.insert(learner, (born, gender));
                add(
                    start,
                    EventBody::LearnerRegistered {
                        learner_id: learner,
                        profile: LearnerProfile {
                            name: "김순자".into(),
                            birth_year: born,
                            township: center.township.clone(),
                            gender: gender.map(str::to_string),
                            phone: None,
                            icon: "flower".into(),
                            pin_hash: None,
                            consent: Consent {
                                version: "2026-01".into(),
                                required: true,
                                gender: gender.is_some(),
                                phone: false,
                            },
                        },
                    },
                );
                for _ in 0..rng.random_range(1..12) {
                    let at = start + Duration::hours(rng.random_range(0..14 * 30 * 24));
                    let course = COURSES[rng.random_range(0..3)];
                    let body = if rng.random_bool(0.5) {
                        EventBody::LessonCompleted {
                            learner_id: learner,
                            course_id: course.into(),
                            lesson_id: format!("l{}", rng.random_range(0..4)),
                        }
                    } else {
                        EventBody::StepCompleted {
                            learner_id: learner,
                            course_id: course.into(),
                            lesson_id: "l0".into(),
                            step_id: "s0".into(),
                        }
                    };
                    add(at, body);
                }
            }
            centers.push((center, events));
        }
        County { centers, people }
    }

    /// Who studied, straight from the raw events: (center, township, course, month,
    /// learner).
    fn raw_activity(c: &County) -> Vec<(String, String, String, YearMonth, LearnerId)> {
        let mut out = Vec::new();
        for (center, events) in &c.centers {
            for (e, _) in events {
                if let EventBody::LessonCompleted {
                    learner_id,
                    course_id,
                    ..
                }
                | EventBody::StepCompleted {
                    learner_id,
                    course_id,
                    ..
                } = &e.body
                {
                    out.push((
                        center.center_name.clone(),
                        center.township.clone(),
                        course_id.clone(),
                        YearMonth::of_instant(e.at),
                        *learner_id,
                    ));
                }
            }
        }
        out
    }

    fn band(born: u16, year: i32) -> &'static str {
        match year - i32::from(born) {
            ..60 => "under-60",
            60..=64 => "60-64",
            65..=69 => "65-69",
            70..=74 => "70-74",
            75..=79 => "75-79",
            _ => "80-plus",
        }
    }

    fn value_of(
        c: &County,
        dim: Dim,
        row: &(String, String, String, YearMonth, LearnerId),
        year: i32,
    ) -> String {
        let (born, gender) = c.people[&row.4];
        match dim {
            Dim::Month => row.3.to_string(),
            Dim::Township => row.1.clone(),
            Dim::Center => row.0.clone(),
            Dim::Course => row.2.clone(),
            Dim::Age => band(born, year).to_string(),
            Dim::Sex => match gender {
                Some("여") => "female",
                Some("남") => "male",
                _ => "unknown",
            }
            .to_string(),
        }
    }

    /// Every `by` (one dimension or an ordered pair), over a quarter and a year, with
    /// and without filters: every shown count equals the distinct learners counted
    /// from the raw events, subtotals and the total included, and every hidden one is
    /// hidden by the rule (small, or a complement).
    #[test]
    fn every_by_combination_counts_distinct_learners_of_the_raw_events() {
        let county = county(5);
        let raw = raw_activity(&county);
        let facts = Facts::from_centers(county.centers.clone());
        let mut combos: Vec<Vec<Dim>> = Dim::ALL.iter().map(|d| vec![*d]).collect();
        for a in Dim::ALL {
            for b in Dim::ALL {
                if a != b {
                    combos.push(vec![a, b]);
                }
            }
        }
        let filters = [
            StatsParams {
                period: Some("2026".into()),
                ..Default::default()
            },
            StatsParams {
                period: Some("2026-Q1".into()),
                township: Some("강진읍".into()),
                ..Default::default()
            },
            StatsParams {
                from: Some("2025-12".into()),
                to: Some("2026-07".into()),
                sex: Some("female".into()),
                course: Some("kakaotalk".into()),
                ..Default::default()
            },
            StatsParams {
                period: Some("2026".into()),
                age: Some("70-74".into()),
                ..Default::default()
            },
        ];
        let mut shown = 0;
        for base in &filters {
            for by in &combos {
                let p = StatsParams {
                    by: Some(by.iter().map(|d| d.code()).collect::<Vec<_>>().join(",")),
                    ..base.clone()
                };
                let s = facts.select(&p, None).expect("valid parameters");
                let year = s.to.year;
                let kept: Vec<_> = raw
                    .iter()
                    .filter(|r| r.3 >= s.from && r.3 <= s.to)
                    .filter(|r| s.township.as_ref().is_none_or(|t| *t == r.1))
                    .filter(|r| s.course.as_ref().is_none_or(|c| *c == r.2))
                    .filter(|r| {
                        s.sex
                            .is_none_or(|x| x.code() == value_of(&county, Dim::Sex, r, year))
                    })
                    .filter(|r| {
                        s.age
                            .is_none_or(|a| a.code() == value_of(&county, Dim::Age, r, year))
                    })
                    .collect();
                let expected = |keys: &[Option<String>]| -> u32 {
                    let learners: BTreeSet<LearnerId> = kept
                        .iter()
                        .filter(|r| {
                            by.iter().zip(keys).all(|(d, k)| {
                                k.as_ref()
                                    .is_none_or(|k| *k == value_of(&county, *d, r, year))
                            })
                        })
                        .map(|r| r.4)
                        .collect();
                    learners.len() as u32
                };
                let b = breakdown(&facts, &s);
                let json = b.json();
                let all_keys = vec![None; by.len()];
                let check = |keys: &[Option<String>], got: Published, shown: &mut u32| {
                    let want = expected(keys);
                    match got {
                        Published::Shown(n) => {
                            assert_eq!(n, want, "by {by:?} keys {keys:?} params {base:?}");
                            *shown += 1;
                        }
                        Published::Hidden(_) => assert!(want > 0, "a zero is never hidden"),
                    }
                };
                check(&all_keys, b.total.learners, &mut shown);
                assert_eq!(b.lines.len(), json.lines.len());
                for line in &b.lines {
                    let keys: Vec<Option<String>> = line
                        .keys
                        .iter()
                        .map(|k| k.as_ref().map(Key::code))
                        .collect();
                    check(&keys, line.figures.learners, &mut shown);
                }
                // Subtotal lines of a pair sum up at least their cells (distinct people
                // can be in two cells, never in none).
                assert!(json.total.learners.shown().is_none_or(|n| n as usize <= 90));
            }
        }
        assert!(shown > 500, "{shown} figures checked");
    }

    #[test]
    fn unknown_parameter_values_are_refused_with_a_reason() {
        let facts = Facts::from_centers(county(7).centers);
        let refused = |p: StatsParams| facts.select(&p, None).err();
        assert_eq!(
            refused(StatsParams {
                township: Some("없는면".into()),
                ..Default::default()
            }),
            Some(ParamError::UnknownTownship("없는면".into()))
        );
        for (p, want) in [
            (
                StatsParams {
                    period: Some("2026-Q5".into()),
                    ..Default::default()
                },
                "2026-Q5",
            ),
            (
                StatsParams {
                    period: Some("last year".into()),
                    ..Default::default()
                },
                "last year",
            ),
        ] {
            assert_eq!(refused(p), Some(ParamError::BadPeriod(want.into())));
        }
        for by in ["week", "month,month", "month,sex,age", ""] {
            let r = refused(StatsParams {
                by: Some(by.into()),
                ..Default::default()
            });
            assert_eq!(r.is_some(), !by.is_empty(), "{by}");
        }
        for p in [
            StatsParams {
                center: Some("배움터 9".into()),
                ..Default::default()
            },
            StatsParams {
                course: Some("cooking".into()),
                ..Default::default()
            },
            StatsParams {
                age: Some("90-99".into()),
                ..Default::default()
            },
            StatsParams {
                sex: Some("여".into()),
                ..Default::default()
            },
            StatsParams {
                from: Some("2026-13".into()),
                ..Default::default()
            },
            StatsParams {
                from: Some("2026-05".into()),
                to: Some("2026-01".into()),
                ..Default::default()
            },
            StatsParams {
                period: Some("2026".into()),
                from: Some("2026-01".into()),
                ..Default::default()
            },
        ] {
            let e = refused(p.clone()).unwrap_or_else(|| panic!("{p:?} accepted"));
            let t = I18n::new(baeumteo_core::i18n::Locale::Ko);
            assert!(!e.message(&t).is_empty());
        }
    }

    #[test]
    fn periods_are_years_quarters_and_months() {
        let m = |y, mo| YearMonth::new(y, mo).unwrap_or(YearMonth { year: 0, month: 1 });
        assert_eq!(parse_period("2026"), Ok((m(2026, 1), m(2026, 12))));
        assert_eq!(parse_period("2026-Q3"), Ok((m(2026, 7), m(2026, 9))));
        assert_eq!(parse_period("2026-09"), Ok((m(2026, 9), m(2026, 9))));
        assert_eq!(
            previous_period(m(2026, 7), m(2026, 9)),
            (m(2026, 4), m(2026, 6))
        );
        assert_eq!(
            previous_period(m(2026, 1), m(2026, 12)),
            (m(2025, 1), m(2025, 12))
        );
    }
}
