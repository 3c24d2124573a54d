//! Mesure des prélèvements (S15) : un bailleur généré dont toutes les locations sont en
//! prélèvement (fichier voisin `….prelevements.db`), ses avis du mois, puis la liste des
//! prélèvements du mois, le fichier pain.008 écrit et enregistré, et l'import d'un
//! camt.054 qui les crédite tous (règlements en un lot).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use chrono::{Days, NaiveDate};

use super::{fail, replace, seconds, settle, settle_journal, Figure};
use crate::formats::sepa::PainVersion;
use crate::model::dates::add_months;
use crate::store::{Session, Store};
use crate::treatments::debit_file::{apply_file, load_file, plan_file, FileOptions, FilePlan};
use crate::treatments::debit_return::{apply_return, plan_return};
use crate::treatments::direct_debit::{load, plan, DebitOptions};
use crate::treatments::generate::{generate, GenerateOptions};
use crate::treatments::notices::{self, NoticeOptions};

/// Locations générées : un peu plus de 5 000 pour en prélever 5 000 après les départs.
const LEASES: usize = 5_400;

pub fn direct_debits(path: &Path) -> Result<Vec<Figure>, String> {
    let path = path.with_extension("prelevements.db");
    replace(&path)?;
    let mut store = Store::open(&path).map_err(fail)?;
    let mut options = GenerateOptions::new(LEASES, 1, 1);
    options.debit_percent = 100;
    let (session, _) = generate(&mut store, "bench", &options).map_err(fail)?;
    let month = add_months(options.start, 1).ok_or("mois suivant")?;
    notices::run(
        &mut store,
        &session,
        &NoticeOptions {
            period: month,
            value_date: month,
            leases: None,
            run_message: String::new(),
        },
        false,
    )
    .map_err(fail)?;

    let mut figures = Vec::new();
    // Comme les autres mesures, la liste part d'une base au repos : les pages écrites par
    // les avis sont reportées avant (et ce report est mesuré à part).
    figures.push(Figure::new(
        "prélèvements : report du journal à côté, après les avis",
        settle_journal(&store),
        "s",
    ));
    settle(&path)?;
    let window = DebitOptions {
        from: month,
        to: add_months(month, 1)
            .and_then(|d| d.pred_opt())
            .ok_or("fin du mois")?,
    };
    let t = Instant::now();
    let list = plan(
        &load(&store.read(&session), &window).map_err(fail)?,
        &window,
    );
    figures.push(Figure::new(
        format!(
            "prélèvements : liste du mois ({} prélèvements)",
            list.debits.len()
        ),
        seconds(t),
        "s",
    ));

    let t = Instant::now();
    let file_options = FileOptions {
        collection_date: month.checked_add_days(Days::new(4)).unwrap_or(month),
        version: PainVersion::V08,
        now: month
            .checked_sub_days(Days::new(10))
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .ok_or("heure du fichier")?,
    };
    let snapshot = load_file(
        &store.read(&session),
        store.landlord(&session).map_err(fail)?,
        &list,
        file_options.now,
    )
    .map_err(fail)?;
    let file_plan = plan_file(&list, &snapshot, &file_options).map_err(fail)?;
    let xml_path = path.with_extension("pain008.xml");
    store
        .write(&session, "fichier de prélèvements", |repo| {
            apply_file(repo, &file_plan, &xml_path)
        })
        .map_err(fail)?;
    figures.push(Figure::new(
        format!(
            "prélèvements : fichier pain.008 écrit et enregistré ({} prélèvements)",
            file_plan.debits.len()
        ),
        seconds(t),
        "s",
    ));

    let camt = camt054_crediting(&store, &session, &file_plan, file_options.collection_date)?;
    let t = Instant::now();
    let returned =
        plan_return(&store, &session, camt.as_bytes(), "bench-camt.xml").map_err(fail)?;
    apply_return(&mut store, &session, &returned).map_err(fail)?;
    figures.push(Figure::new(
        format!(
            "prélèvements : camt.054 importé ({} règlements en un lot)",
            returned.credited.len()
        ),
        seconds(t),
        "s",
    ));
    Ok(figures)
}

/// Le camt.054 (001.08) que la banque renverrait : chaque prélèvement du fichier crédité
/// à la date d'échéance, une écriture par prélèvement.
fn camt054_crediting(
    store: &Store,
    session: &Session,
    file: &FilePlan,
    date: NaiveDate,
) -> Result<String, String> {
    let iban = store.landlord(session).map_err(fail)?.iban;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>",
    );
    let _ = write!(
        xml,
        "<GrpHdr><MsgId>BENCH-CAMT-1</MsgId><CreDtTm>{date}T06:00:00</CreDtTm></GrpHdr><Ntfctn><Id>1</Id><Acct><Id><IBAN>{}</IBAN></Id></Acct>",
        iban.replace(' ', "")
    );
    for d in &file.debits {
        let _ = write!(
            xml,
            "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><ValDt><Dt>{date}</Dt></ValDt><NtryDtls><TxDtls><Refs><EndToEndId>{}</EndToEndId></Refs><Amt Ccy=\"EUR\">{amount}</Amt></TxDtls></NtryDtls></Ntry>",
            d.end_to_end_id,
            amount = d.debit.amount.round_dp(2),
        );
    }
    xml.push_str("</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n");
    Ok(xml)
}
