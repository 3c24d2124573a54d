//! Mesure du traitement d'un fichier CAF (S13) sur le grand bailleur : un fichier de
//! paiements APL de 10 000 allocataires (tous les allocataires générés, complétés
//! d'inconnus), lu, planifié et enregistré.

use std::time::Instant;

use chrono::{Datelike, NaiveDate};

use super::{fail, seconds, Figure};
use crate::formats::caf::{
    self, CafFile, Details, Encoding, Header, Nature, Operation, PaymentDetail,
};
use crate::model::money::from_cents;
use crate::store::{Session, Store};
use crate::treatments::caf::run_payments;

/// Nombre d'allocataires du fichier mesuré.
const CLAIMANTS: usize = 10_000;

/// Le fichier de paiements APL du mois `month` : les allocataires du bailleur, puis des
/// numéros inconnus jusqu'à 10 000.
fn payment_file(
    store: &Store,
    session: &Session,
    month: NaiveDate,
) -> Result<(Vec<u8>, usize), String> {
    let repo = store.read(session);
    let mut numbers: Vec<String> = repo
        .tenants()
        .map_err(fail)?
        .into_iter()
        .flat_map(|t| t.claims.into_iter().map(|c| c.claimant_no))
        .take(CLAIMANTS)
        .collect();
    let known = numbers.len();
    numbers.extend((0..CLAIMANTS - known).map(|i| format!("{:07}Z", 9_000_000 + i)));
    let details = numbers
        .into_iter()
        .enumerate()
        .map(|(i, claimant_no)| PaymentDetail {
            line: i + 2,
            claimant_no,
            name: format!("ALLOCATAIRE {i}"),
            amount: from_cents(10_000 + (i as i64 * 7_919) % 20_000),
            period: month,
            status: "2".to_string(),
            gestion: "1".to_string(),
        })
        .collect();
    let file = CafFile {
        encoding: Encoding::Latin1,
        crlf: true,
        header: Header {
            landlord_code: store.landlord(session).map_err(fail)?.caf_code,
            payer: "751".to_string(),
            file_date: month.with_day(10).unwrap_or(month),
            nature: Nature::Apl,
            operation: Operation::Payment,
        },
        details: Details::Payments(details),
    };
    Ok((caf::write(&file).map_err(fail)?, known))
}

/// Lecture + plan (simulation), puis lecture + plan + enregistrement du fichier.
pub fn caf_payments(
    store: &mut Store,
    session: &Session,
    month: NaiveDate,
) -> Result<Vec<Figure>, String> {
    let (bytes, known) = payment_file(store, session, month)?;
    let t = Instant::now();
    run_payments(store, session, &bytes, "bench-apl.txt", true).map_err(fail)?;
    let planned = seconds(t);
    let t = Instant::now();
    run_payments(store, session, &bytes, "bench-apl.txt", false).map_err(fail)?;
    let applied = seconds(t);
    let what = format!("{CLAIMANTS} allocataires dont {known} connus");
    Ok(vec![
        Figure::new(
            format!("fichier CAF : lecture et plan ({what})"),
            planned,
            "s",
        ),
        Figure::new(
            format!("fichier CAF : lecture, plan et enregistrement ({what})"),
            applied,
            "s",
        ),
    ])
}
