//! Sous-commandes de consultation des comptes : `balance` et `situation` (des comptes ou
//! d'un locataire). Appels minces à `ledger::balance` et `ledger::statement`.

use clap::Args;

use super::{as_table, cli_user, CliError};
use crate::ledger::balance::{self, trial_balance, TrialBalanceRow};
use crate::ledger::statement;
use crate::model::dates::{format_date, parse_date};
use crate::model::money::format_money_plain;
use crate::model::{Money, ThirdPartyKind};
use crate::store::{Repo, Store};

/// Options de `balance`.
#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Début de la période (jj/mm/aaaa).
    #[arg(long, value_name = "DATE")]
    pub du: String,
    /// Fin de la période, incluse (jj/mm/aaaa).
    #[arg(long, value_name = "DATE")]
    pub au: String,
    /// Présentation auxiliaire : une ligne par compte et par tiers.
    #[arg(long)]
    pub auxiliaire: bool,
    /// Sortie CSV (`;`, virgule décimale) au lieu d'un tableau.
    #[arg(long)]
    pub csv: bool,
}

/// Options de `situation`.
#[derive(Debug, Args)]
pub struct SituationArgs {
    /// Début de la période (jj/mm/aaaa).
    #[arg(long, value_name = "DATE")]
    pub du: String,
    /// Fin de la période, incluse (jj/mm/aaaa).
    #[arg(long, value_name = "DATE")]
    pub au: String,
    /// Situation d'un locataire, toutes ses locations, avec le solde courant.
    #[arg(long, value_name = "REF")]
    pub locataire: Option<String>,
    /// Avec --locataire : inclure les comptes de dépôts (165…).
    #[arg(long)]
    pub depots: bool,
    #[arg(long, value_name = "COMPTE")]
    pub compte: Option<String>,
    #[arg(long, value_name = "REF")]
    pub tiers: Option<String>,
    #[arg(long, value_name = "REF")]
    pub journal: Option<String>,
    #[arg(long, value_name = "REF")]
    pub modele: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub analytique: Option<String>,
    /// Classe de compte (1 à 9).
    #[arg(long, value_name = "N")]
    pub classe: Option<char>,
    /// Type de tiers (locataire, fournisseur, organisme_payeur…).
    #[arg(long, value_name = "TYPE")]
    pub type_tiers: Option<String>,
    /// Sortie CSV au lieu d'un tableau.
    #[arg(long)]
    pub csv: bool,
}

/// Période `--du` / `--au` lue et contrôlée.
fn period(du: &str, au: &str) -> Result<(chrono::NaiveDate, chrono::NaiveDate), CliError> {
    let from = parse_date(du).map_err(|m| CliError(format!("--du : {m}")))?;
    let to = parse_date(au).map_err(|m| CliError(format!("--au : {m}")))?;
    if to < from {
        return Err(CliError(
            "--au est antérieur à --du : inversez les dates".to_string(),
        ));
    }
    Ok((from, to))
}

/// `balance --du --au [--auxiliaire] [--csv]`.
pub fn balance(
    store: &Store,
    landlord: Option<&str>,
    args: &BalanceArgs,
) -> Result<String, CliError> {
    let (from, to) = period(&args.du, &args.au)?;
    let session = store.session(landlord, &cli_user())?;
    let sums = store.read(&session).entry_sums(from, to)?;
    let rows = trial_balance(&sums, from, to, args.auxiliaire);
    let text = balance_csv(&rows);
    Ok(if args.csv { text } else { as_table(&text) })
}

/// `situation --du --au …` : des comptes (filtres), ou d'un locataire (--locataire).
pub fn situation(
    store: &Store,
    landlord: Option<&str>,
    args: &SituationArgs,
) -> Result<String, CliError> {
    let (from, to) = period(&args.du, &args.au)?;
    let session = store.session(landlord, &cli_user())?;
    let repo = store.read(&session);
    let text = match &args.locataire {
        Some(tenant) => tenant_situation(&repo, tenant.trim(), args.depots, from, to)?,
        None => account_situation(&repo, args, from, to)?,
    };
    Ok(if args.csv { text } else { as_table(&text) })
}

/// Situation d'un locataire, toutes ses locations, en CSV.
fn tenant_situation(
    repo: &Repo,
    tenant: &str,
    depots: bool,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<String, CliError> {
    if !repo.tenants()?.iter().any(|t| t.reference == tenant) {
        return Err(CliError(format!("locataire « {tenant} » inconnu")));
    }
    let leases: Vec<(String, String, chrono::NaiveDate)> = repo
        .leases()?
        .into_iter()
        .filter(|l| l.tenant == tenant)
        .map(|l| (l.reference, l.unit, l.start_date))
        .collect();
    let accounts = statement::gestion_accounts(&repo.accounts()?, depots);
    let ctx = statement::TenantContext {
        gestion_accounts: &accounts,
        leases: &leases,
    };
    let lines = repo.tiers_lines(tenant, Some(to))?;
    let situation = statement::tenant_statement(&lines, tenant, &ctx, from, to);
    let lease_refs: Vec<&str> = leases.iter().map(|(r, _, _)| r.as_str()).collect();
    let instalments = statement::active_instalments(&repo.lease_items()?, &lease_refs, to);
    let dues = statement::deferred_and_due(&situation.by_account, &instalments);
    Ok(tenant_statement_csv(&situation, &dues))
}

/// Situation des comptes choisis par les filtres, en CSV.
fn account_situation(
    repo: &Repo,
    args: &SituationArgs,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<String, CliError> {
    let filter = statement::StatementFilter {
        account: args.compte.clone(),
        tiers: args.tiers.clone(),
        journal: args.journal.clone(),
        template: args.modele.clone(),
        analytic: args.analytique.clone(),
        class: args.classe,
        collective: None,
        tiers_kind: args
            .type_tiers
            .as_deref()
            .map(ThirdPartyKind::parse)
            .transpose()
            .map_err(|m| CliError(format!("--type-tiers : {m}")))?,
        ..statement::StatementFilter::period(from, to)
    };
    let lines = repo.ledger_lines(Some(to))?;
    Ok(account_statement_csv(&statement::account_statement(
        &lines, &filter,
    )))
}
/// Situation des comptes en CSV : solde antérieur, écritures, totaux, soldes.
fn account_statement_csv(s: &statement::AccountStatement) -> String {
    let m = format_money_plain;
    let d = balance::sides;
    let mut out = String::from("\u{feff}compte;tiers;date;journal;piece;libelle;debit;credit\r\n");
    let (od, oc) = d(s.opening);
    out.push_str(&format!("Solde antérieur;;;;;;{};{}\r\n", m(od), m(oc)));
    for l in &s.lines {
        let label = l.display_label();
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{}\r\n",
            l.account,
            l.tiers.clone().unwrap_or_default(),
            format_date(l.value_date),
            l.journal,
            l.number,
            label.replace(';', ","),
            m(l.debit),
            m(l.credit)
        ));
    }
    out.push_str(&format!(
        "Totaux période;;;;;;{};{}\r\n",
        m(s.period_debit),
        m(s.period_credit)
    ));
    let (pd, pc) = d(s.period_balance());
    out.push_str(&format!("Solde période;;;;;;{};{}\r\n", m(pd), m(pc)));
    let (nd, nc) = d(s.closing());
    out.push_str(&format!("Nouveau solde;;;;;;{};{}\r\n", m(nd), m(nc)));
    out
}

/// Situation d'un locataire en CSV, colonnes du manuel (LotR, Gest, CompteR, ValeurD,
/// JournalR, PieceR, Libelle, DebitE, CreditE, SoldeE).
fn tenant_statement_csv(s: &statement::TenantStatement, dues: &[statement::DueLine]) -> String {
    let m = format_money_plain;
    let mut out = String::from(
        "\u{feff}lot;gestion;compte;date;journal;piece;libelle;debit;credit;solde\r\n",
    );
    out.push_str(&format!("Solde antérieur;;;;;;;;;{}\r\n", m(-s.opening)));
    for l in &s.lines {
        let e = &l.entry;
        let label = e.display_label();
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{}\r\n",
            l.unit,
            l.gestion.code(),
            e.account,
            format_date(e.value_date),
            e.journal,
            e.number,
            label.replace(';', ","),
            m(e.debit),
            m(e.credit),
            m(l.running)
        ));
    }
    out.push_str(&format!("Nouveau solde;;;;;;;;;{}\r\n", m(-s.closing())));
    // Différé et à payer, comptés comme ce que le locataire doit (positif = dû).
    let deferred: Money = dues.iter().map(|d| d.deferred).sum();
    let due: Money = dues.iter().map(|d| d.due).sum();
    out.push_str(&format!(
        "Différé;;;;;;;;;{}\r\nÀ payer;;;;;;;;;{}\r\n",
        m(deferred),
        m(due)
    ));
    out
}

/// Balance en CSV : compte, tiers, puis les 6 colonnes du manuel et une ligne de totaux.
fn balance_csv(rows: &[TrialBalanceRow]) -> String {
    let m = format_money_plain;
    let mut out = String::from("\u{feff}compte;tiers;solde_anterieur_debit;solde_anterieur_credit;debit_periode;credit_periode;nouveau_solde_debit;nouveau_solde_credit\r\n");
    let mut totals = [Money::ZERO; 6];
    for r in rows {
        let values = r.columns();
        for (t, v) in totals.iter_mut().zip(values) {
            *t += v;
        }
        let cells: Vec<String> = values.iter().map(|v| m(*v)).collect();
        out.push_str(&format!(
            "{};{};{}\r\n",
            r.account,
            r.tiers.clone().unwrap_or_default(),
            cells.join(";")
        ));
    }
    let cells: Vec<String> = totals.iter().map(|v| m(*v)).collect();
    out.push_str(&format!("Total;;{}\r\n", cells.join(";")));
    out
}
