//! Mesures des traitements sur un grand bailleur (`abri bench --baux N`) : le bailleur
//! généré (ou copié), puis le mois suivant mesuré pas à pas comme l'utilisateur le fait.

use std::path::Path;
use std::time::Instant;

use chrono::{Days, NaiveDate};

use super::{
    fail, first_screen, peak_memory_mb, reopen, replace, seconds, settle, settle_journal,
    statement_ms, windows, Figure,
};
use crate::documents::{self, Document};
use crate::ledger::balance::trial_balance;
use crate::model::dates::add_months;
use crate::model::DocumentKind;
use crate::store::{DocumentFilter, Repo, Session, Store, StoreError};
use crate::treatments::generate::{generate, month_payments, GenerateOptions, Habits};
use crate::treatments::notices::{self, NoticeOptions, NoticeRun};
use crate::treatments::payments::{apply_payments, plan_payments, PaymentOptions, PaymentSnapshot};
use crate::treatments::print::{self, PrintWhat};

/// Traitements sur un grand bailleur : crée dans `path` le bailleur généré (`leases`
/// locations, `months` mois d'historique), puis mesure la génération des avis du mois
/// suivant (plan, puis plan + enregistrement), les règlements de ce mois en lot, la
/// situation d'un locataire, la balance et le FEC sur toutes les écritures, la mise en
/// page des avis, l'ouverture de la base et le pic de mémoire.
pub fn leases(
    path: &Path,
    leases: usize,
    months: u32,
    from: Option<&Path>,
) -> Result<Vec<Figure>, String> {
    replace(path)?;
    let mut figures = Vec::new();
    let options = GenerateOptions::new(leases, months, 1);
    let (mut store, session) = match from {
        Some(base) => copied_base(base, path)?,
        None => {
            let (store, session, generated) = generated_base(path, &options)?;
            figures.push(generated);
            (store, session)
        }
    };

    let month = add_months(options.start, months as i32).ok_or("mois suivant l'historique")?;
    let run = month_notices(&mut store, &session, month, &mut figures)?;
    // Chaque traitement part d'une base au repos : le report du journal lancé à côté
    // par le précédent est attendu (et mesuré) avant lui.
    figures.push(Figure::new(
        "report du journal à côté, après les avis",
        settle_journal(&store),
        "s",
    ));
    month_payments_batch(&mut store, &session, &options, month, run, &mut figures)?;
    figures.push(Figure::new(
        "report du journal à côté, après les règlements",
        settle_journal(&store),
        "s",
    ));
    figures.extend(super::caf::caf_payments(&mut store, &session, month)?);
    readings(store, session, path, &options, month, &mut figures)?;
    figures.extend(super::debits::direct_debits(path)?);
    Ok(figures)
}

/// Avis du mois `month` : la vérification seule, puis la génération avec
/// l'enregistrement ; rend les avis générés.
fn month_notices(
    store: &mut Store,
    session: &Session,
    month: NaiveDate,
    figures: &mut Vec<Figure>,
) -> Result<NoticeRun, String> {
    let notice_options = NoticeOptions {
        period: month,
        value_date: month,
        leases: None,
        run_message: String::new(),
    };
    let t = Instant::now();
    let checked = notices::run(store, session, &notice_options, true).map_err(fail)?;
    figures.push(Figure::new(
        format!(
            "avis du mois : vérification ({} avis prévus)",
            checked.plan.notices.len()
        ),
        seconds(t),
        "s",
    ));
    // comme l'interface, qui ne garde pas le compte rendu de la vérification pendant
    // l'enregistrement
    drop(checked);
    let t = Instant::now();
    let run = notices::run(store, session, &notice_options, false).map_err(fail)?;
    figures.push(Figure::new(
        format!(
            "avis du mois : génération et enregistrement ({} avis)",
            run.created.len()
        ),
        seconds(t),
        "s",
    ));
    Ok(run)
}

/// Règlements des avis `run` du mois, le 5 : la ventilation, puis la ventilation et
/// l'enregistrement en un lot.
fn month_payments_batch(
    store: &mut Store,
    session: &Session,
    options: &GenerateOptions,
    month: NaiveDate,
    run: NoticeRun,
    figures: &mut Vec<Figure>,
) -> Result<(), String> {
    let day = month.checked_add_days(Days::new(4)).unwrap_or(month);
    let inputs = month_payments(&run, day, &Habits::of(options));
    let t = Instant::now();
    let snapshot = PaymentSnapshot::load(&store.read(session), &inputs).map_err(fail)?;
    let plan = plan_payments(&snapshot, &inputs, PaymentOptions::default())
        .map_err(|e| format!("{} règlement(s) refusé(s)", e.len()))?;
    figures.push(Figure::new(
        format!(
            "règlements du mois : ventilation ({} règlements)",
            inputs.len()
        ),
        seconds(t),
        "s",
    ));
    let t = Instant::now();
    apply_payments(store, session, &plan).map_err(fail)?;
    figures.push(Figure::new(
        "règlements du mois : ventilation et enregistrement en un lot",
        seconds(t),
        "s",
    ));
    // l'interface ne garde ni les avis ni la saisie une fois enregistrés
    drop((run, inputs, snapshot, plan));
    Ok(())
}

/// Lectures après le mois : situation d'un locataire, balance, FEC, avis à imprimer et
/// leur mise en page ; puis la fermeture de la base, sa réouverture (premier écran, pic
/// de mémoire, fenêtres) et la situation sur vingt ans. Ce qui est lu reste en mémoire
/// jusqu'au bout, pic de mémoire compris.
fn readings(
    store: Store,
    session: Session,
    path: &Path,
    options: &GenerateOptions,
    month: NaiveDate,
    figures: &mut Vec<Figure>,
) -> Result<(), String> {
    let repo = store.read(&session);
    let to = month.checked_add_days(Days::new(40)).unwrap_or(month);
    let (lines, ms) = statement_ms(&repo, "T000001", options.start, to)?;
    figures.push(Figure::new(
        format!("situation d'un locataire ({lines} lignes)"),
        ms,
        "ms",
    ));
    let t = Instant::now();
    let sums = repo.entry_sums(options.start, to).map_err(fail)?;
    let rows = trial_balance(&sums, options.start, to, true);
    figures.push(Figure::new(
        format!(
            "balance auxiliaire sur toutes les écritures ({} lignes)",
            rows.len()
        ),
        seconds(t),
        "s",
    ));
    figures.push(fec_lines(&repo, to)?);

    let filter = DocumentFilter {
        kind: Some(DocumentKind::Notice),
        from: Some(month),
        to: Some(month),
        ..Default::default()
    };
    let t = Instant::now();
    let printables = print::collect(&repo, &filter, PrintWhat::Documents).map_err(fail)?;
    figures.push(Figure::new(
        format!("avis à imprimer : lecture ({} documents)", printables.len()),
        seconds(t),
        "s",
    ));
    let docs: Vec<Document> = printables
        .into_iter()
        .take(1000)
        .map(|p| p.document)
        .collect();
    let landlord = store.landlord(&session).map_err(fail)?;
    let letterhead = documents::letterhead_of(&landlord, None);
    let t = Instant::now();
    let pdf = documents::pdf::render(&docs, &letterhead).map_err(fail)?;
    let elapsed = seconds(t);
    figures.push(Figure::new(
        format!(
            "mise en page de {} avis ({} Ko)",
            docs.len(),
            pdf.len() / 1000
        ),
        docs.len() as f64 / elapsed.max(1e-9),
        "pages/s",
    ));
    let t = Instant::now();
    drop(store);
    figures.push(Figure::new(
        "fermeture de la base (report du journal WAL dans le fichier)",
        seconds(t),
        "s",
    ));

    figures.push(first_screen(path, month)?);
    let (store, session) = reopen(path)?;
    // Pic mesuré avant les fenêtres : elles relisent aussi, pour comparaison, tous les
    // documents à l'ancienne, ce que l'application ne fait plus.
    if let Some(mb) = peak_memory_mb() {
        figures.push(Figure::new(
            "pic de mémoire (génération, avis, règlements, impression)",
            mb,
            "Mo",
        ));
    }
    figures.extend(windows(store, session, path, month)?);
    figures.push(twenty_year_statement(path)?);
    Ok(())
}

/// Export FEC de toutes les écritures jusqu'à `to`, lignes produites sans écriture
/// disque.
fn fec_lines(repo: &Repo, to: NaiveDate) -> Result<Figure, String> {
    let t = Instant::now();
    let mut fec_lines = 0usize;
    let mut line = String::with_capacity(256);
    repo.each_ledger_line_ref(Some(to), |l| {
        fec_lines += 1;
        line.clear();
        crate::formats::fec::push_line(&mut line, l);
        std::hint::black_box(&line);
        Ok::<(), StoreError>(())
    })
    .map_err(fail)?;
    Ok(Figure::new(
        format!("export FEC ({fec_lines} lignes)"),
        seconds(t),
        "s",
    ))
}

/// Base générée par les traitements (`generer`) et la durée de sa génération.
fn generated_base(
    path: &Path,
    options: &GenerateOptions,
) -> Result<(Store, Session, Figure), String> {
    let mut store = Store::open(path).map_err(fail)?;
    let t = Instant::now();
    let (session, summary) = generate(&mut store, "bench", options).map_err(fail)?;
    let entries = store.read(&session).count("entry").map_err(fail)?;
    let figure = Figure::new(
        format!(
            "génération : {} locations, {} mois, {} avis, {} règlements, {entries} écritures",
            summary.leases, options.months, summary.notices, summary.payments
        ),
        seconds(t),
        "s",
    );
    // les pages écrites par la génération partent sur le disque avant les mesures (la
    // connexion reste ouverte : la suite se mesure comme dans la même séance de travail)
    settle_journal(&store);
    settle(path)?;
    Ok((store, session, figure))
}

/// Copie d'une base déjà générée, ouverte (et mise à jour du schéma) avant les mesures.
fn copied_base(base: &Path, path: &Path) -> Result<(Store, Session), String> {
    std::fs::copy(base, path).map_err(|e| {
        format!(
            "impossible de copier « {} » vers « {} » : {e}",
            base.display(),
            path.display()
        )
    })?;
    settle(path)?;
    reopen(path)
}

/// Situation d'un locataire réel sur vingt ans : un petit bailleur généré sur 240 mois
/// par les vrais traitements (fichier voisin `….20ans.db`), le locataire qui a le plus
/// de lignes.
fn twenty_year_statement(path: &Path) -> Result<Figure, String> {
    let path = path.with_extension("20ans.db");
    replace(&path)?;
    let mut store = Store::open(&path).map_err(fail)?;
    let options = GenerateOptions::new(20, 240, 1);
    let (session, _) = generate(&mut store, "bench", &options).map_err(fail)?;
    let repo = store.read(&session);
    let to = add_months(options.start, 240).ok_or("fin des 20 ans")?;
    let mut longest = (0, String::new());
    for tenant in repo.tenants().map_err(fail)? {
        let count = repo
            .tiers_lines(&tenant.reference, Some(to))
            .map_err(fail)?
            .len();
        longest = longest.max((count, tenant.reference));
    }
    let (lines, ms) = statement_ms(&repo, &longest.1, options.start, to)?;
    Ok(Figure::new(
        format!("situation d'un locataire sur 20 ans ({lines} lignes)"),
        ms,
        "ms",
    ))
}
