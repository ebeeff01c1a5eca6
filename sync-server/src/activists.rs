//! Certified 디지털 지역활동가 after the certificate: their service (core's
//! [`ServiceLog`] over the synced sessions and confirmations), certificate revocations,
//! and the monthly allowance (활동비) settlement the county pays from confirmed hours.
//!
//! Rules kept here (the service rules themselves are core's):
//! - A revocation counts only when a kiosk of the certificate's county recorded it;
//!   the first such revocation in (kiosk, seq) order is the one shown (as core's
//!   `Certifications::revocation`). Its time is the revoking kiosk's clock, corrected.
//! - The allowance pays confirmed minutes only, capped per month by the county's
//!   [`AllowanceTerms::cap_hours`], at its hourly rate, rounded down to the won. Waiting
//!   (unconfirmed) minutes are shown beside, never paid.
//! - An activist appears under the center of their latest certificate; an erased
//!   activist has no name, so nothing can be paid to them and they are left out.

use std::collections::BTreeMap;

use baeumteo_core::event::{EventBody, LearnerId};
use baeumteo_core::projection::{ServiceLog, ServiceMinutes, YearMonth, paid_minutes};
use baeumteo_core::time::kst_date;
use baeumteo_core::wire::corrected_time;
use chrono::{DateTime, Datelike, Utc};

use crate::db::{ActivistEvent, ActivistKind, CertificateRecord, Database, DbError, Holder};

/// How the county pays its activists (the `[county]` settings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AllowanceTerms {
    /// Won per confirmed hour; `None` when the county has not set it (amounts left blank).
    pub hourly_rate: Option<u32>,
    /// Most hours paid per activist per month.
    pub cap_hours: Option<u32>,
}

/// A certificate's revocation as the county sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// Service and revocations of the county's activists, from the stored events.
#[derive(Debug, Clone, Default)]
pub struct ActivistFacts {
    pub service: ServiceLog,
    revocations: BTreeMap<String, Revoked>,
}

impl ActivistFacts {
    /// Reads what the registry, the allowance and `/verify` need.
    pub fn load(db: &dyn Database, certificates: &[CertificateRecord]) -> Result<Self, DbError> {
        Ok(ActivistFacts::from_stored(
            &db.activist_events(&ActivistKind::ALL)?,
            certificates,
        ))
    }

    /// Only the revocations (for `/verify`, which needs nothing else).
    pub fn load_revocations(
        db: &dyn Database,
        certificates: &[CertificateRecord],
    ) -> Result<Self, DbError> {
        Ok(ActivistFacts::from_stored(
            &db.activist_events(&[ActivistKind::CertificateRevoked])?,
            certificates,
        ))
    }

    /// `stored` in (kiosk, seq) order, as the store returns them.
    pub fn from_stored(stored: &[ActivistEvent], certificates: &[CertificateRecord]) -> Self {
        let mut facts = ActivistFacts::default();
        for s in stored {
            match &s.event.body {
                EventBody::CertificateRevoked {
                    certificate_no,
                    reason,
                    ..
                } => {
                    let of_county = certificates.iter().any(|c| {
                        c.certificate_no == *certificate_no && c.center.county == s.county
                    });
                    if of_county {
                        facts
                            .revocations
                            .entry(certificate_no.clone())
                            .or_insert_with(|| Revoked {
                                at: corrected_time(s.event.at, s.clock_offset_ms),
                                reason: reason.clone(),
                            });
                    } else {
                        tracing::warn!(
                            certificate_no,
                            kiosk = %s.event.kiosk_id,
                            "revocation from a kiosk outside the certificate's county ignored"
                        );
                    }
                }
                _ => facts.service.apply(&s.event),
            }
        }
        facts
    }

    pub fn revocation(&self, certificate_no: &str) -> Option<&Revoked> {
        self.revocations.get(certificate_no)
    }

    /// An activist's confirmed and waiting minutes in `month`.
    pub fn month_minutes(&self, activist: LearnerId, month: YearMonth) -> ServiceMinutes {
        self.service
            .minutes_by_month()
            .get(&activist)
            .and_then(|m| m.get(&month))
            .copied()
            .unwrap_or_default()
    }
}

/// One activist's figures for the registry, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSummary {
    pub month: ServiceMinutes,
    pub year: ServiceMinutes,
    pub last_service: Option<chrono::NaiveDate>,
    pub active: bool,
}

impl ActivistFacts {
    /// Every activist's figures for this month and year (Korean calendar) as of `now`.
    pub fn summaries(&self, now: DateTime<Utc>) -> BTreeMap<LearnerId, ServiceSummary> {
        let today = kst_date(now);
        let this_month = YearMonth::of_date(today);
        let mut out = BTreeMap::new();
        for (activist, months) in self.service.minutes_by_month() {
            let mut year = ServiceMinutes::default();
            for (m, minutes) in &months {
                if m.year == today.year() {
                    year.confirmed += minutes.confirmed;
                    year.waiting += minutes.waiting;
                }
            }
            out.insert(
                activist,
                ServiceSummary {
                    month: months.get(&this_month).copied().unwrap_or_default(),
                    year,
                    last_service: self.service.last_service(activist),
                    active: self.service.is_active(activist, today),
                },
            );
        }
        out
    }
}

/// One line of a month's settlement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AllowanceRow {
    pub name: String,
    pub county: String,
    pub township: String,
    pub center_name: String,
    pub certificate_no: String,
    pub confirmed_minutes: u32,
    /// Recorded but not confirmed yet: not paid.
    pub waiting_minutes: u32,
    pub paid_minutes: u32,
    pub hourly_rate: Option<u32>,
    /// Won, rounded down; `None` without an hourly rate.
    pub amount: Option<u64>,
}

/// A month's settlement: one row per activist with service that month, then totals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Allowance {
    pub month: String,
    pub rows: Vec<AllowanceRow>,
    pub confirmed_minutes: u32,
    pub waiting_minutes: u32,
    pub paid_minutes: u32,
    pub amount: Option<u64>,
}

/// The settlement of `month`: activists by center then name.
pub fn allowance(
    facts: &ActivistFacts,
    certificates: &[CertificateRecord],
    month: YearMonth,
    terms: AllowanceTerms,
) -> Allowance {
    // Each activist under their latest certificate (records are oldest first).
    let mut latest: BTreeMap<LearnerId, &CertificateRecord> = BTreeMap::new();
    for c in certificates {
        latest.insert(c.learner_id, c);
    }
    let mut rows = Vec::new();
    for (activist, months) in facts.service.minutes_by_month() {
        let Some(minutes) = months.get(&month) else {
            continue;
        };
        let Some(cert) = latest.get(&activist) else {
            tracing::warn!(%activist, "service of someone without a certificate left out");
            continue;
        };
        let Holder::Named(name) = &cert.holder else {
            continue;
        };
        let paid = paid_minutes(minutes.confirmed, terms.cap_hours);
        rows.push(AllowanceRow {
            name: name.clone(),
            county: cert.center.county.clone(),
            township: cert.center.township.clone(),
            center_name: cert.center.center_name.clone(),
            certificate_no: cert.certificate_no.clone(),
            confirmed_minutes: minutes.confirmed,
            waiting_minutes: minutes.waiting,
            paid_minutes: paid,
            hourly_rate: terms.hourly_rate,
            amount: terms.hourly_rate.map(|rate| amount(paid, rate)),
        });
    }
    rows.sort_by(|a, b| center_key(a).cmp(&center_key(b)));
    Allowance {
        month: month.to_string(),
        confirmed_minutes: rows.iter().map(|r| r.confirmed_minutes).sum(),
        waiting_minutes: rows.iter().map(|r| r.waiting_minutes).sum(),
        paid_minutes: rows.iter().map(|r| r.paid_minutes).sum(),
        amount: terms
            .hourly_rate
            .map(|_| rows.iter().filter_map(|r| r.amount).sum()),
        rows,
    }
}

/// Rows by county, township, center, then name and certificate.
fn center_key(r: &AllowanceRow) -> [&str; 5] {
    [
        &r.county,
        &r.township,
        &r.center_name,
        &r.name,
        &r.certificate_no,
    ]
}

/// Won for `minutes` at `rate` won an hour, rounded down.
pub fn amount(minutes: u32, rate: u32) -> u64 {
    u64::from(minutes) * u64::from(rate) / 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use baeumteo_core::event::{Event, ServicePlace};
    use baeumteo_core::wire::CenterInfo;
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    use uuid::Uuid;

    fn center(county: &str) -> CenterInfo {
        CenterInfo {
            center_name: "마량면 디지털배움터".into(),
            county: county.into(),
            township: "마량면".into(),
        }
    }

    fn cert(no: &str, learner: u128, name: Holder) -> CertificateRecord {
        CertificateRecord {
            certificate_no: no.into(),
            verification_code: "K7Q2".into(),
            learner_id: Uuid::from_u128(learner),
            course_id: "digital-activist".into(),
            minutes: 1200,
            issued_at: Utc.with_ymd_and_hms(2026, 9, 1, 1, 0, 0).unwrap(),
            kiosk_id: Uuid::from_u128(900),
            center: center("강진군"),
            holder: name,
        }
    }

    fn stored(kiosk: u128, seq: u64, county: &str, body: EventBody) -> ActivistEvent {
        ActivistEvent {
            event: Event {
                id: Uuid::now_v7(),
                kiosk_id: Uuid::from_u128(kiosk),
                seq,
                at: Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap(),
                body,
            },
            clock_offset_ms: 0,
            county: county.into(),
        }
    }

    fn session(id: u128, activist: u128, day: u32, start_h: u32, minutes: u32) -> EventBody {
        EventBody::ServiceLogged {
            service_id: Uuid::from_u128(id),
            activist_id: Uuid::from_u128(activist),
            on: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            start: NaiveTime::from_hms_opt(start_h, 0, 0).unwrap(),
            minutes,
            place: ServicePlace::SeniorCenter,
            place_name: "덕동 경로당".into(),
            help: "카카오톡 사진 보내기".into(),
            residents: 4,
            learners: vec![],
            replaces: None,
            recorded_by: None,
        }
    }

    fn confirm(id: u128) -> EventBody {
        EventBody::ServiceConfirmed {
            service_id: Uuid::from_u128(id),
            instructor_id: Uuid::from_u128(77),
        }
    }

    #[test]
    fn only_confirmed_minutes_are_paid_capped_at_the_county_hours_and_rounded_down() {
        let certs = [
            cert("2026-0001", 1, Holder::Named("김순자".into())),
            cert("2026-0002", 2, Holder::Named("박영희".into())),
        ];
        let events = [
            stored(900, 1, "강진군", session(1, 1, 3, 10, 180)),
            stored(900, 2, "강진군", confirm(1)),
            stored(900, 3, "강진군", session(2, 1, 10, 10, 200)),
            stored(900, 4, "강진군", confirm(2)),
            // Waiting: shown, not paid.
            stored(900, 5, "강진군", session(3, 1, 12, 10, 60)),
            stored(900, 6, "강진군", session(4, 2, 5, 14, 95)),
            stored(900, 7, "강진군", confirm(4)),
        ];
        let facts = ActivistFacts::from_stored(&events, &certs);
        let terms = AllowanceTerms {
            hourly_rate: Some(10_000),
            cap_hours: Some(6),
        };
        let a = allowance(&facts, &certs, YearMonth::new(2026, 11).unwrap(), terms);
        let kim = a.rows.iter().find(|r| r.name == "김순자").unwrap();
        assert_eq!(
            (kim.confirmed_minutes, kim.waiting_minutes, kim.paid_minutes),
            (380, 60, 360)
        );
        assert_eq!(kim.amount, Some(60_000));
        let park = a.rows.iter().find(|r| r.name == "박영희").unwrap();
        // 95 minutes at 10,000 won an hour: 15,833.33 → 15,833.
        assert_eq!(park.amount, Some(15_833));
        assert_eq!(a.amount, Some(75_833));
        assert_eq!(a.paid_minutes, 455);
        // Another month has nothing to pay.
        let october = allowance(&facts, &certs, YearMonth::new(2026, 10).unwrap(), terms);
        assert!(october.rows.is_empty());
        assert_eq!(october.amount, Some(0));
    }

    #[test]
    fn without_an_hourly_rate_the_hours_are_settled_and_the_amounts_left_blank() {
        let certs = [cert("2026-0001", 1, Holder::Named("김순자".into()))];
        let events = [
            stored(900, 1, "강진군", session(1, 1, 3, 10, 90)),
            stored(900, 2, "강진군", confirm(1)),
        ];
        let facts = ActivistFacts::from_stored(&events, &certs);
        let a = allowance(
            &facts,
            &certs,
            YearMonth::new(2026, 11).unwrap(),
            AllowanceTerms::default(),
        );
        assert_eq!(a.rows[0].paid_minutes, 90);
        assert_eq!((a.rows[0].amount, a.amount), (None, None));
    }

    #[test]
    fn an_erased_activist_is_left_out_of_the_settlement() {
        let certs = [cert("2026-0001", 1, Holder::Erased)];
        let events = [
            stored(900, 1, "강진군", session(1, 1, 3, 10, 90)),
            stored(900, 2, "강진군", confirm(1)),
        ];
        let facts = ActivistFacts::from_stored(&events, &certs);
        let a = allowance(
            &facts,
            &certs,
            YearMonth::new(2026, 11).unwrap(),
            AllowanceTerms::default(),
        );
        assert!(a.rows.is_empty());
    }

    #[test]
    fn a_revocation_from_another_county_is_ignored_and_the_first_of_the_county_counts() {
        let certs = [cert("2026-0001", 1, Holder::Named("김순자".into()))];
        let revoke = |reason: &str| EventBody::CertificateRevoked {
            certificate_no: "2026-0001".into(),
            reason: reason.into(),
            revoked_by: None,
        };
        let only_foreign = [stored(5, 1, "영암군", revoke("장난"))];
        assert!(
            ActivistFacts::from_stored(&only_foreign, &certs)
                .revocation("2026-0001")
                .is_none()
        );
        let events = [
            stored(5, 1, "영암군", revoke("장난")),
            stored(900, 8, "강진군", revoke("다른 분께 잘못 발급")),
            stored(900, 9, "강진군", revoke("두 번째")),
        ];
        let facts = ActivistFacts::from_stored(&events, &certs);
        assert_eq!(
            facts.revocation("2026-0001").map(|r| r.reason.as_str()),
            Some("다른 분께 잘못 발급")
        );
    }

    #[test]
    fn the_registry_summary_counts_this_month_and_this_year_and_who_is_active() {
        let certs = [cert("2026-0001", 1, Holder::Named("김순자".into()))];
        let events = [
            stored(900, 1, "강진군", session(1, 1, 3, 10, 120)),
            stored(900, 2, "강진군", confirm(1)),
            stored(900, 3, "강진군", session(2, 1, 12, 10, 30)),
        ];
        let facts = ActivistFacts::from_stored(&events, &certs);
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 3, 0, 0).unwrap();
        let s = &facts.summaries(now)[&Uuid::from_u128(1)];
        assert_eq!((s.month.confirmed, s.month.waiting), (120, 30));
        assert_eq!(s.year.confirmed, 120);
        assert_eq!(s.last_service, NaiveDate::from_ymd_opt(2026, 11, 12));
        assert!(s.active);
        let next_spring = Utc.with_ymd_and_hms(2027, 4, 1, 3, 0, 0).unwrap();
        let later = &facts.summaries(next_spring)[&Uuid::from_u128(1)];
        assert!(!later.active);
        assert_eq!(later.year.confirmed, 0, "a new year starts from zero");
    }
}
