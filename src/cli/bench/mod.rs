//! Mesures de performance (`abri bench`) : chaque mesure est une ligne « nom, valeur,
//! unité ». Rien n'est chronométré dans les tests ; ces chiffres se lisent ici. Le grand
//! livre ici, les traitements sur un grand bailleur dans `leases`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};
use clap::Args;

use super::CliError;
use crate::ledger::balance::trial_balance;
use crate::ledger::statement::{gestion_accounts, tenant_statement, TenantContext};
use crate::ledger::{post, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use crate::model::Money;
use crate::store::{Session, Store};
use crate::treatments::demo::create_demo_with;

mod caf;
mod debits;
mod leases;

/// Options de `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Mesure du grand livre : nombre d'écritures ajoutées à la démonstration.
    #[arg(long, value_name = "N", conflicts_with = "baux")]
    pub ecritures: Option<usize>,
    /// Mesure des traitements sur un bailleur généré de N locations (par défaut
    /// 10 000, sauf avec --ecritures).
    #[arg(long, value_name = "N")]
    pub baux: Option<usize>,
    /// Avec --baux : mois d'historique générés avant les mesures.
    #[arg(long, value_name = "M", default_value_t = 12)]
    pub mois: u32,
    /// Fichier de la base de mesure (remplacé), par défaut dans le dossier temporaire.
    #[arg(long, value_name = "FICHIER")]
    pub fichier: Option<PathBuf>,
    /// Avec --baux : copie de cette base, faite par `generer` avec les mêmes --baux et
    /// --mois, au lieu de générer l'historique (mesures répétées plus vite).
    #[arg(long, value_name = "BASE", conflicts_with = "ecritures")]
    pub depuis: Option<PathBuf>,
    /// Seulement la mesure des prélèvements (5 000 prélèvements : liste, fichier
    /// pain.008, import du camt.054), faite aussi à la fin de --baux.
    #[arg(long, conflicts_with_all = ["ecritures", "depuis"])]
    pub prelevements: bool,
}

/// `bench` : les mesures, une ligne chacune.
pub fn run(args: &BenchArgs) -> Result<String, CliError> {
    let path = args
        .fichier
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("abri-bench.sqlite"));
    let figures = match args.ecritures {
        _ if args.prelevements => debits::direct_debits(&path),
        Some(n) => ledger(&path, n),
        None => leases::leases(
            &path,
            args.baux.unwrap_or(10_000),
            args.mois,
            args.depuis.as_deref(),
        ),
    }
    .map_err(CliError)?;
    Ok(figures.iter().map(|f| format!("{f}\n")).collect())
}

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

impl Figure {
    fn new(name: impl Into<String>, value: f64, unit: &'static str) -> Self {
        Figure {
            name: name.into(),
            value,
            unit,
        }
    }
}

fn seconds(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

/// Une erreur de la bibliothèque, en texte.
fn fail(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Supprime la base de mesure `path` d'une mesure précédente.
fn replace(path: &Path) -> Result<(), String> {
    if path.exists() {
        std::fs::remove_file(path)
            .map_err(|e| format!("impossible de remplacer « {} » : {e}", path.display()))?;
    }
    Ok(())
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
    replace(path)?;
    let mut store = Store::open(path).map_err(fail)?;
    let session = create_demo_with(&mut store, "bench", false).map_err(fail)?;
    let tenants: Vec<String> = store
        .read(&session)
        .tenants()
        .map_err(fail)?
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
        .map_err(fail)?;
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
    let sums = repo.entry_sums(from, to).map_err(fail)?;
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
    let accounts = gestion_accounts(&repo.accounts().map_err(fail)?, false);
    let lines = repo.tiers_lines("LOC001", Some(to)).map_err(fail)?;
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
    .map_err(fail)?;
    figures.push(Figure {
        name: format!(
            "export FEC, lignes produites sans écriture disque ({fec_lines} lignes, {} Mo)",
            fec_bytes / 1_000_000
        ),
        value: seconds(t),
        unit: "s",
    });

    let t = Instant::now();
    let problems = store.verify().map_err(fail)?;
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
    let store = Store::open(path).map_err(fail)?;
    let session = store.session(None, "bench").map_err(fail)?;
    Ok((store, session))
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

/// Situation d'un tiers du début de l'historique à `to` : nombre de lignes et durée
/// (lecture de ses écritures et calcul), en millisecondes.
fn statement_ms(
    repo: &crate::store::Repo,
    tiers: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(usize, f64), String> {
    let t = Instant::now();
    let accounts = gestion_accounts(&repo.accounts().map_err(fail)?, false);
    let lines = repo.tiers_lines(tiers, Some(to)).map_err(fail)?;
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
    let data = db.read(Data::load).map_err(fail)?;
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
        .map_err(fail)?;
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
    .map_err(fail)?;
    push(
        format!(
            "pour comparaison, ancienne lecture des Écritures : l'année écriture par écriture ({kept} écritures)"
        ),
        seconds(t) * 1000.0,
    );
    Ok(figures)
}
