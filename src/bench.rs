//! Mesures de performance (`abri bench`) : chaque mesure est une ligne « nom, valeur,
//! unité ». Rien n'est chronométré dans les tests ; ces chiffres se lisent ici.

use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};

use crate::ledger::balance::trial_balance;
use crate::ledger::statement::{gestion_accounts, tenant_statement, TenantContext};
use crate::ledger::{post, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use crate::model::Money;
use crate::store::{Session, Store};
use crate::treatments::demo::create_demo_with;

/// Une mesure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: &'static str,
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ; {:.3} ; {}", self.name, self.value, self.unit)
    }
}

fn seconds(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

/// Pic de mémoire du processus (VmHWM), en Mo, quand le système le donne.
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Une pièce de la série : avis (D 411 / C 703) ou règlement (D 512 / C 411) d'un
/// locataire de la démonstration, sur vingt ans.
fn synthetic_voucher(i: usize, tenants: &[String], start: NaiveDate) -> VoucherDraft {
    let tenant = &tenants[i % tenants.len()];
    let day = u64::try_from(i / 40).unwrap_or(0) % 7300;
    let value_date = start.checked_add_days(Days::new(day)).unwrap_or(start);
    let amount = Money::new(
        i64::try_from(10_000 + (i * 7919) % 90_000).unwrap_or(10_000),
        2,
    );
    let line = |account: &str, tiers: Option<&str>, analytic: &str, debit: Money, credit: Money| {
        EntryDraft {
            account: account.into(),
            tiers: tiers.map(str::to_string),
            analytic: analytic.into(),
            label: String::new(),
            debit,
            credit,
        }
    };
    let (journal, entries) = if i.is_multiple_of(2) {
        (
            "VEN",
            vec![
                line("411000000", Some(tenant), "", amount, Money::ZERO),
                line("703000000", None, "IMM01", Money::ZERO, amount),
            ],
        )
    } else {
        (
            "BQ",
            vec![
                line("512000000", None, "", amount, Money::ZERO),
                line("411000000", Some(tenant), "", Money::ZERO, amount),
            ],
        )
    };
    VoucherDraft {
        journal: journal.into(),
        value_date,
        label: format!("Pièce de mesure {i}"),
        template: None,
        tiers: Some(tenant.clone()),
        lease: None,
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: "saisie".into(),
        entries,
    }
}

/// Grand livre : crée dans `path` la démonstration et `entries` écritures de plus
/// (pièces de deux écritures passées par le grand livre), puis mesure la balance, la
/// situation d'un locataire, le FEC et la vérification.
pub fn ledger(path: &Path, entries: usize) -> Result<Vec<Figure>, String> {
    let fail = |e: &dyn std::fmt::Display| e.to_string();
    if path.exists() {
        std::fs::remove_file(path)
            .map_err(|e| format!("impossible de remplacer « {} » : {e}", path.display()))?;
    }
    let mut store = Store::open(path).map_err(|e| fail(&e))?;
    let session = create_demo_with(&mut store, "bench", false).map_err(|e| fail(&e))?;
    let tenants: Vec<String> = store
        .read(&session)
        .tenants()
        .map_err(|e| fail(&e))?
        .into_iter()
        .map(|t| t.reference)
        .collect();
    let start = NaiveDate::from_ymd_opt(2006, 1, 1).ok_or("date de départ")?;
    let vouchers = entries / 2;
    let mut figures = Vec::new();

    let t = Instant::now();
    store
        .write(&session, "mesure", |repo| {
            let ctx = LedgerContext::load(repo)?;
            for i in 0..vouchers {
                post(repo, &ctx, &synthetic_voucher(i, &tenants, start))?;
            }
            Ok::<(), LedgerError>(())
        })
        .map_err(|e| fail(&e))?;
    let elapsed = seconds(t);
    figures.push(Figure {
        name: format!("saisie de {vouchers} pièces ({} écritures)", vouchers * 2),
        value: elapsed,
        unit: "s",
    });
    figures.push(Figure {
        name: "débit de saisie".into(),
        value: (vouchers * 2) as f64 / elapsed.max(1e-9),
        unit: "écritures/s",
    });

    let repo = store.read(&session);
    let to = NaiveDate::from_ymd_opt(2026, 12, 31).ok_or("date de fin")?;
    let t = Instant::now();
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    let sums = repo.entry_sums(from, to).map_err(|e| fail(&e))?;
    let rows = trial_balance(&sums, from, to, true);
    figures.push(Figure {
        name: format!(
            "balance auxiliaire de l'année sur tout l'historique ({} lignes)",
            rows.len()
        ),
        value: seconds(t),
        unit: "s",
    });

    let t = Instant::now();
    let accounts = gestion_accounts(&repo.accounts().map_err(|e| fail(&e))?, false);
    let lines = repo.tiers_lines("LOC001", Some(to)).map_err(|e| fail(&e))?;
    let leases: Vec<(String, String, NaiveDate)> = Vec::new();
    let statement = tenant_statement(
        &lines,
        "LOC001",
        &TenantContext {
            gestion_accounts: &accounts,
            leases: &leases,
        },
        start,
        to,
    );
    figures.push(Figure {
        name: format!(
            "situation du locataire LOC001 sur 20 ans ({} lignes)",
            statement.lines.len()
        ),
        value: seconds(t) * 1000.0,
        unit: "ms",
    });

    let t = Instant::now();
    let mut fec_lines = 0usize;
    let mut fec_bytes = 0usize;
    let mut line = String::with_capacity(256);
    repo.each_ledger_line_ref(Some(to), |l| {
        fec_lines += 1;
        line.clear();
        crate::formats::fec::push_line(&mut line, l);
        fec_bytes += line.len();
        Ok::<(), crate::store::StoreError>(())
    })
    .map_err(|e| fail(&e))?;
    figures.push(Figure {
        name: format!(
            "export FEC, lignes produites sans écriture disque ({fec_lines} lignes, {} Mo)",
            fec_bytes / 1_000_000
        ),
        value: seconds(t),
        unit: "s",
    });

    let t = Instant::now();
    let problems = store.verify().map_err(|e| fail(&e))?;
    figures.push(Figure {
        name: format!("vérification complète ({} problème(s))", problems.len()),
        value: seconds(t),
        unit: "s",
    });
    // La base est fermée puis rouverte, comme au lancement de l'application.
    drop(store);
    // Un mois au milieu des vingt ans d'historique.
    let today = NaiveDate::from_ymd_opt(2016, 6, 15).ok_or("date")?;
    figures.push(first_screen(path, today)?);
    let (store, session) = reopen(path)?;
    figures.extend(windows(store, session, path, today)?);
    if let Some(mb) = peak_memory_mb() {
        figures.push(Figure {
            name: "pic de mémoire".into(),
            value: mb,
            unit: "Mo",
        });
    }
    Ok(figures)
}

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
    use crate::treatments::generate::{month_payments, GenerateOptions, Habits};
    use crate::treatments::notices::{self, NoticeOptions};
    use crate::treatments::payments::{
        apply_payments, plan_payments, PaymentOptions, PaymentSnapshot,
    };
    let fail = |e: &dyn std::fmt::Display| e.to_string();
    if path.exists() {
        std::fs::remove_file(path)
            .map_err(|e| format!("impossible de remplacer « {} » : {e}", path.display()))?;
    }
    let mut figures = Vec::new();
    let mut push = |name: String, value: f64, unit: &'static str| {
        figures.push(Figure { name, value, unit });
    };
    let options = GenerateOptions::new(leases, months, 1);
    let (mut store, session) = match from {
        Some(base) => copied_base(base, path)?,
        None => {
            let (store, session, generated) = generated_base(path, &options)?;
            push(generated.name, generated.value, generated.unit);
            (store, session)
        }
    };

    let month = crate::model::dates::add_months(options.start, months as i32)
        .ok_or("mois suivant l'historique")?;
    let notice_options = NoticeOptions {
        period: month,
        value_date: month,
        leases: None,
        run_message: String::new(),
    };
    let t = Instant::now();
    let checked =
        notices::run(&mut store, &session, &notice_options, true).map_err(|e| fail(&e))?;
    push(
        format!(
            "avis du mois : vérification ({} avis prévus)",
            checked.plan.notices.len()
        ),
        seconds(t),
        "s",
    );
    // comme l'interface, qui ne garde pas le compte rendu de la vérification pendant
    // l'enregistrement
    drop(checked);
    let t = Instant::now();
    let run = notices::run(&mut store, &session, &notice_options, false).map_err(|e| fail(&e))?;
    push(
        format!(
            "avis du mois : génération et enregistrement ({} avis)",
            run.created.len()
        ),
        seconds(t),
        "s",
    );

    // Chaque traitement part d'une base au repos : le report du journal lancé à côté
    // par le précédent est attendu (et mesuré) avant lui.
    push(
        "report du journal à côté, après les avis".into(),
        settle_journal(&store),
        "s",
    );

    let day = month.checked_add_days(Days::new(4)).unwrap_or(month);
    let inputs = month_payments(&run, day, &Habits::of(&options));
    let t = Instant::now();
    let snapshot = PaymentSnapshot::load(&store.read(&session), &inputs).map_err(|e| fail(&e))?;
    let plan = plan_payments(&snapshot, &inputs, PaymentOptions::default())
        .map_err(|e| format!("{} règlement(s) refusé(s)", e.len()))?;
    push(
        format!(
            "règlements du mois : ventilation ({} règlements)",
            inputs.len()
        ),
        seconds(t),
        "s",
    );
    let t = Instant::now();
    apply_payments(&mut store, &session, &plan).map_err(|e| fail(&e))?;
    push(
        "règlements du mois : ventilation et enregistrement en un lot".into(),
        seconds(t),
        "s",
    );
    // l'interface ne garde ni les avis ni la saisie une fois enregistrés
    drop((run, inputs, snapshot, plan));
    push(
        "report du journal à côté, après les règlements".into(),
        settle_journal(&store),
        "s",
    );

    let repo = store.read(&session);
    let to = month.checked_add_days(Days::new(40)).unwrap_or(month);
    let (lines, ms) = statement_ms(&repo, "T000001", options.start, to)?;
    push(
        format!("situation d'un locataire ({lines} lignes)"),
        ms,
        "ms",
    );
    let t = Instant::now();
    let sums = repo.entry_sums(options.start, to).map_err(|e| fail(&e))?;
    let rows = trial_balance(&sums, options.start, to, true);
    push(
        format!(
            "balance auxiliaire sur toutes les écritures ({} lignes)",
            rows.len()
        ),
        seconds(t),
        "s",
    );
    let t = Instant::now();
    let mut fec_lines = 0usize;
    let mut line = String::with_capacity(256);
    repo.each_ledger_line_ref(Some(to), |l| {
        fec_lines += 1;
        line.clear();
        crate::formats::fec::push_line(&mut line, l);
        std::hint::black_box(&line);
        Ok::<(), crate::store::StoreError>(())
    })
    .map_err(|e| fail(&e))?;
    push(format!("export FEC ({fec_lines} lignes)"), seconds(t), "s");

    let filter = crate::store::DocumentFilter {
        kind: Some(crate::model::DocumentKind::Notice),
        from: Some(month),
        to: Some(month),
        ..Default::default()
    };
    let t = Instant::now();
    let printables = crate::treatments::print::collect(
        &repo,
        &filter,
        crate::treatments::print::PrintWhat::Documents,
    )
    .map_err(|e| fail(&e))?;
    push(
        format!("avis à imprimer : lecture ({} documents)", printables.len()),
        seconds(t),
        "s",
    );
    let docs: Vec<crate::documents::Document> = printables
        .into_iter()
        .take(1000)
        .map(|p| p.document)
        .collect();
    let landlord = store.landlord(&session).map_err(|e| fail(&e))?;
    let letterhead = crate::documents::letterhead_of(&landlord, None);
    let t = Instant::now();
    let pdf = crate::documents::pdf::render(&docs, &letterhead).map_err(|e| fail(&e))?;
    let elapsed = seconds(t);
    push(
        format!(
            "mise en page de {} avis ({} Ko)",
            docs.len(),
            pdf.len() / 1000
        ),
        docs.len() as f64 / elapsed.max(1e-9),
        "pages/s",
    );
    let t = Instant::now();
    drop(store);
    push(
        "fermeture de la base (report du journal WAL dans le fichier)".into(),
        seconds(t),
        "s",
    );

    let first = first_screen(path, month)?;
    push(first.name, first.value, first.unit);
    let (store, session) = reopen(path)?;
    // Pic mesuré avant les fenêtres : elles relisent aussi, pour comparaison, tous les
    // documents à l'ancienne, ce que l'application ne fait plus.
    if let Some(mb) = peak_memory_mb() {
        push(
            "pic de mémoire (génération, avis, règlements, impression)".into(),
            mb,
            "Mo",
        );
    }
    for figure in windows(store, session, path, month)? {
        push(figure.name, figure.value, figure.unit);
    }
    let twenty = twenty_year_statement(path)?;
    push(twenty.name, twenty.value, twenty.unit);
    Ok(figures)
}

/// Ouvre la base fermée `path` comme l'application à son lancement : la base, la
/// session, toutes les fenêtres (`App::load_at`, celles du grand livre attendant leur
/// ouverture) et la vue de la première, la liste des immeubles ; la ferme ensuite.
fn first_screen(path: &Path, today: NaiveDate) -> Result<Figure, String> {
    let t = Instant::now();
    let (store, session) = reopen(path)?;
    let app = crate::gui::app::App::load_at(store, session, path.to_path_buf(), today)?;
    let buildings = app.buildings().total();
    std::hint::black_box(app.view());
    let figure = Figure {
        name: format!("ouverture de la base et premier écran ({buildings} immeubles)"),
        value: seconds(t),
        unit: "s",
    };
    drop(app);
    Ok(figure)
}

/// Rouvre la base `path` (premier bailleur, utilisateur « bench »).
fn reopen(path: &Path) -> Result<(Store, Session), String> {
    let fail = |e: &dyn std::fmt::Display| e.to_string();
    let store = Store::open(path).map_err(|e| fail(&e))?;
    let session = store.session(None, "bench").map_err(|e| fail(&e))?;
    Ok((store, session))
}

/// Base générée par les traitements (`generer`) et la durée de sa génération.
fn generated_base(
    path: &Path,
    options: &crate::treatments::generate::GenerateOptions,
) -> Result<(Store, Session, Figure), String> {
    let fail = |e: &dyn std::fmt::Display| e.to_string();
    let mut store = Store::open(path).map_err(|e| fail(&e))?;
    let t = Instant::now();
    let (session, summary) = crate::treatments::generate::generate(&mut store, "bench", options)
        .map_err(|e| fail(&e))?;
    let entries = store.read(&session).count("entry").map_err(|e| fail(&e))?;
    let figure = Figure {
        name: format!(
            "génération : {} locations, {} mois, {} avis, {} règlements, {entries} écritures",
            summary.leases, options.months, summary.notices, summary.payments
        ),
        value: seconds(t),
        unit: "s",
    };
    // les pages écrites par la génération partent sur le disque avant les mesures (la
    // connexion reste ouverte : la suite se mesure comme dans la même séance de travail)
    settle_journal(&store);
    settle(path)?;
    Ok((store, session, figure))
}

/// Attend la fin du report du journal lancé à côté par le dernier traitement ; rend
/// la durée de l'attente, en secondes.
fn settle_journal(store: &Store) -> f64 {
    let t = Instant::now();
    store.wait_for_checkpoint();
    seconds(t)
}

/// Attend que le fichier de la base soit écrit sur le disque : les mesures ne paient pas
/// l'écriture différée de la copie ou de la génération par le système.
fn settle(path: &Path) -> Result<(), String> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| {
            format!(
                "impossible d'écrire « {} » sur le disque : {e}",
                path.display()
            )
        })
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

/// Situation d'un tiers du début de l'historique à `to` : nombre de lignes et durée
/// (lecture de ses écritures et calcul), en millisecondes.
fn statement_ms(
    repo: &crate::store::Repo,
    tiers: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(usize, f64), String> {
    let fail = |e: &dyn std::fmt::Display| e.to_string();
    let t = Instant::now();
    let accounts = gestion_accounts(&repo.accounts().map_err(|e| fail(&e))?, false);
    let lines = repo.tiers_lines(tiers, Some(to)).map_err(|e| fail(&e))?;
    let none: Vec<(String, String, NaiveDate)> = Vec::new();
    let statement = tenant_statement(
        &lines,
        tiers,
        &TenantContext {
            gestion_accounts: &accounts,
            leases: &none,
        },
        from,
        to,
    );
    Ok((statement.lines.len(), seconds(t) * 1000.0))
}

/// Situation d'un locataire réel sur vingt ans : un petit bailleur généré sur 240 mois
/// par les vrais traitements (fichier voisin `….20ans.db`), le locataire qui a le plus
/// de lignes.
fn twenty_year_statement(path: &Path) -> Result<Figure, String> {
    use crate::treatments::generate::{generate, GenerateOptions};
    let fail = |e: &dyn std::fmt::Display| e.to_string();
    let path = path.with_extension("20ans.db");
    if path.exists() {
        std::fs::remove_file(&path)
            .map_err(|e| format!("impossible de remplacer « {} » : {e}", path.display()))?;
    }
    let mut store = Store::open(&path).map_err(|e| fail(&e))?;
    let options = GenerateOptions::new(20, 240, 1);
    let (session, _) = generate(&mut store, "bench", &options).map_err(|e| fail(&e))?;
    let repo = store.read(&session);
    let to = crate::model::dates::add_months(options.start, 240).ok_or("fin des 20 ans")?;
    let mut longest = (0, String::new());
    for tenant in repo.tenants().map_err(|e| fail(&e))? {
        let count = repo
            .tiers_lines(&tenant.reference, Some(to))
            .map_err(|e| fail(&e))?
            .len();
        longest = longest.max((count, tenant.reference));
    }
    let (lines, ms) = statement_ms(&repo, &longest.1, options.start, to)?;
    Ok(Figure {
        name: format!("situation d'un locataire sur 20 ans ({lines} lignes)"),
        value: ms,
        unit: "ms",
    })
}

/// Ouverture des fenêtres de l'application le jour `today` : fiches et catalogues
/// (`Data::load`), puis les fenêtres Avis et Écritures (le mois de `today`) telles que
/// l'application les construit ; pour comparaison, les anciennes lectures (tous les
/// documents avec leurs lignes ; les écritures de l'année une à une).
fn windows(
    store: Store,
    session: crate::store::Session,
    path: &Path,
    today: NaiveDate,
) -> Result<Vec<Figure>, String> {
    use crate::gui::db::Db;
    use crate::gui::screen::{notices::Notices, vouchers::Vouchers, Ctx, Data};
    let fail = |e: &dyn std::fmt::Display| e.to_string();
    let mut figures = Vec::new();
    let mut push = |name: String, value: f64| {
        figures.push(Figure {
            name,
            value,
            unit: "ms",
        });
    };
    let db = Db::new(store, session, path.to_path_buf(), today);
    let t = Instant::now();
    let data = db.read(Data::load).map_err(|e| fail(&e))?;
    push(
        format!(
            "chargement des fiches et catalogues ({} locations)",
            data.leases.len()
        ),
        seconds(t) * 1000.0,
    );
    let ctx = Ctx {
        db: &db,
        data: &data,
    };
    let t = Instant::now();
    let notices = Notices::new(&ctx);
    push(
        format!(
            "ouverture fenêtre Avis ({} documents du mois)",
            notices.total()
        ),
        seconds(t) * 1000.0,
    );
    let t = Instant::now();
    let vouchers = Vouchers::new(&ctx);
    push(
        format!(
            "ouverture fenêtre Écritures ({} pièces du mois)",
            vouchers.total()
        ),
        seconds(t) * 1000.0,
    );
    let t = Instant::now();
    let all = db
        .read(|repo| repo.documents(&crate::store::DocumentFilter::default()))
        .map_err(|e| fail(&e))?;
    push(
        format!(
            "pour comparaison, ancienne lecture des Avis : tous les documents avec leurs lignes ({})",
            all.len()
        ),
        seconds(t) * 1000.0,
    );
    drop(all);
    let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let end = NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today);
    let t = Instant::now();
    let mut kept = 0usize;
    db.read(|repo| {
        repo.each_ledger_line_ref(Some(end), |l| {
            kept += usize::from(l.value_date >= start);
            Ok::<(), crate::store::StoreError>(())
        })
    })
    .map_err(|e| fail(&e))?;
    push(
        format!(
            "pour comparaison, ancienne lecture des Écritures : l'année écriture par écriture ({kept} écritures)"
        ),
        seconds(t) * 1000.0,
    );
    Ok(figures)
}
