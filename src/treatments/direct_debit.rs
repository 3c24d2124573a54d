//! Prélèvements bancaires (S15), étape 1 : la liste des prélèvements d'une période de
//! dates de prélèvement (manuel : « Etape 1) Génération de la liste des prélèvements »).
//!
//! Sont retenues les locations en mode de règlement « Prélèvement », cochées
//! « Prélèvement auto. », dont les références bancaires (IBAN, BIC de la banque du
//! catalogue, RUM) sont indiquées et dont la date de prélèvement tombe dans la période.
//! Un seul prélèvement par locataire, d'après sa location la plus récente (mutations).
//! Le montant suit les règles du manuel, nommées dans la colonne « Montant » :
//! « forfait alt. », sinon « forfait période », sinon « avis période » (reste à payer
//! du dernier avis de la période précédente), sinon « Solde » ; toujours écrêté au solde
//! débiteur du locataire (« /max »). La liste est une lecture : rien n'est écrit.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};

use crate::documents::mask_iban;
use crate::formats::sepa::DebtorAddress;
use crate::ledger::statement::gestion_accounts;
use crate::model::dates::{format_date, period_end};
use crate::model::money::format_money_plain;
use crate::model::{validate, DocumentKind, Lease, Money, PaymentInfo, PaymentMode};
use crate::store::{DocumentFilter, Repo, StoreError};
use crate::treatments::notices::due_date;
use crate::treatments::receipts::expected_aid;

/// Période des dates de prélèvement, bornes incluses (dialogue « Début / Fin période
/// prélèvement »).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DebitOptions {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Un avis de la période, réduit à ce que la liste en lit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDue {
    pub number: String,
    pub lease: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Reste à payer par le locataire : le total à payer de l'avis moins l'aide au
    /// logement qu'il annonce (la part que l'avis dit prélevée).
    pub due: Money,
}

/// Ce que lit la liste : locations, noms, BIC des banques, soldes, avis récents.
#[derive(Debug, Clone, Default)]
pub struct DebitSnapshot {
    pub leases: Vec<Lease>,
    /// Nom affiché par référence de locataire.
    pub names: HashMap<String, String>,
    /// BIC par référence de banque du catalogue.
    pub bics: HashMap<String, String>,
    /// Solde « débit − crédit » des comptes courants (411…) par locataire, toutes
    /// locations confondues, à la fin de la période.
    pub balances: HashMap<String, Money>,
    /// Avis dont la période finit au plus tôt le premier du mois précédant la période.
    pub notices: Vec<NoticeDue>,
    /// Adresse du débiteur par location : l'adresse de correspondance du locataire si
    /// elle est renseignée, sinon celle de l'immeuble du lot.
    pub addresses: HashMap<String, DebtorAddress>,
}

/// Règle qui donne le montant (colonne « Montant » du manuel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountRule {
    /// Forfait alternatif de la location.
    Alternative,
    /// Forfait périodique de la location.
    Periodic,
    /// Reste à payer du dernier avis de la période précédente.
    Notice,
    /// Solde débiteur du locataire (pas d'avis dans la période précédente).
    Balance,
}

impl AmountRule {
    pub fn label(self) -> &'static str {
        match self {
            AmountRule::Alternative => "forfait alt.",
            AmountRule::Periodic => "forfait période",
            AmountRule::Notice => "avis période",
            AmountRule::Balance => "Solde",
        }
    }
}

/// Un prélèvement de la liste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debit {
    pub tenant: String,
    pub name: String,
    /// Location la plus récente du locataire, qui donne montant et coordonnées.
    pub lease: String,
    pub account_holder: String,
    pub iban: String,
    pub bic: String,
    pub mandate_ref: String,
    pub mandate_date: Option<NaiveDate>,
    pub date: NaiveDate,
    pub amount: Money,
    pub rule: AmountRule,
    /// Montant écrêté au solde du locataire (« /max »).
    pub capped: bool,
    /// Avis retenu par la règle « avis période ».
    pub notice: Option<String>,
    pub balance: Money,
    /// Adresse du débiteur pour le fichier (ville et pays au moins), si elle est connue.
    pub address: Option<DebtorAddress>,
}

impl Debit {
    /// Libellé de la colonne « Montant » : la règle, suivie de « /max » si écrêté.
    pub fn rule_label(&self) -> String {
        if self.capped {
            format!("{}/max", self.rule.label())
        } else {
            self.rule.label().to_string()
        }
    }
}

/// Une location écartée, avec la raison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub tenant: String,
    pub name: String,
    pub lease: String,
    pub reason: String,
}

/// La liste des prélèvements : un par locataire, et les locations écartées.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebitList {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub debits: Vec<Debit>,
    pub skipped: Vec<Skipped>,
}

impl DebitList {
    pub fn total(&self) -> Money {
        self.debits.iter().map(|d| d.amount).sum()
    }
}

/// Lit ce dont la liste a besoin, par les traits du store.
pub fn load(repo: &Repo, options: &DebitOptions) -> Result<DebitSnapshot, StoreError> {
    let tenants = repo.tenants()?;
    let names = tenants
        .iter()
        .map(|t| (t.reference.clone(), t.display_name()))
        .collect();
    let leases = repo.leases()?;
    let addresses = debtor_addresses(repo, &leases, &tenants)?;
    let bics = repo
        .banks()?
        .into_iter()
        .map(|b| (b.reference, b.bic))
        .collect();
    let current = gestion_accounts(&repo.accounts()?, false);
    let mut balances: HashMap<String, Money> = HashMap::new();
    for ((tiers, account), amount) in repo.gestion_balances(options.to)? {
        if current.contains_key(&account) {
            *balances.entry(tiers).or_insert(Money::ZERO) += amount;
        }
    }
    Ok(DebitSnapshot {
        leases,
        names,
        bics,
        balances,
        notices: load_notices(repo, options)?,
        addresses,
    })
}

/// Adresse du débiteur de chaque location en prélèvement : l'adresse de correspondance
/// du locataire, sinon celle de l'immeuble du lot (comme le destinataire des avis),
/// en France ; rien sans ville.
fn debtor_addresses(
    repo: &Repo,
    leases: &[Lease],
    tenants: &[crate::model::Tenant],
) -> Result<HashMap<String, DebtorAddress>, StoreError> {
    let tenants: HashMap<&str, &crate::model::Tenant> =
        tenants.iter().map(|t| (t.reference.as_str(), t)).collect();
    let units: HashMap<String, String> = repo
        .units()?
        .into_iter()
        .map(|u| (u.reference, u.building))
        .collect();
    let buildings: HashMap<String, (String, String, String)> = repo
        .buildings()?
        .into_iter()
        .map(|b| (b.reference, (b.street, b.postcode, b.city)))
        .collect();
    let mut out = HashMap::new();
    for lease in leases.iter().filter(|l| l.payment.direct_debit) {
        let own = tenants
            .get(lease.tenant.as_str())
            .filter(|t| !t.alt_city.trim().is_empty())
            .map(|t| {
                (
                    t.alt_street.clone(),
                    t.alt_postcode.clone(),
                    t.alt_city.clone(),
                )
            });
        let found = own.or_else(|| {
            units
                .get(&lease.unit)
                .and_then(|b| buildings.get(b))
                .cloned()
        });
        if let Some((street, postcode, town)) = found.filter(|(_, _, town)| !town.trim().is_empty())
        {
            let some = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
            out.insert(
                lease.reference.clone(),
                DebtorAddress {
                    street: some(street),
                    postcode: some(postcode),
                    town: town.trim().to_string(),
                    country: "FR".to_string(),
                },
            );
        }
    }
    Ok(out)
}

/// Avis qui peuvent être « l'avis de la période précédente » d'une date de la période :
/// fin de période au plus tôt le premier du mois précédant `from`, début au plus tard
/// `to`. Lus avec leurs lignes, pour l'aide au logement qu'ils annoncent.
fn load_notices(repo: &Repo, options: &DebitOptions) -> Result<Vec<NoticeDue>, StoreError> {
    let earliest = previous_month_start(options.from);
    let numbers: Vec<String> = repo
        .notices_ending_from(Some(earliest))?
        .into_iter()
        .filter(|n| n.period_start <= options.to)
        .map(|n| n.number)
        .collect();
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    let filter = DocumentFilter {
        kind: Some(DocumentKind::Notice),
        numbers: Some(numbers),
        ..DocumentFilter::default()
    };
    Ok(repo
        .documents(&filter)?
        .into_iter()
        .filter_map(|doc| {
            Some(NoticeDue {
                due: (doc.total_due - expected_aid(&doc)).max(Money::ZERO),
                period_start: doc.period_start?,
                period_end: doc.period_end?,
                number: doc.number,
                lease: doc.lease,
            })
        })
        .collect())
}

/// Premier jour du mois précédant celui de `date`.
fn previous_month_start(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    first.checked_sub_months(Months::new(1)).unwrap_or(first)
}

/// La liste des prélèvements : fonction pure de l'instantané et de la période.
pub fn plan(snapshot: &DebitSnapshot, options: &DebitOptions) -> DebitList {
    let mut list = DebitList {
        from: options.from,
        to: options.to,
        debits: Vec::new(),
        skipped: Vec::new(),
    };
    let notices = NoticesByTenant::of(snapshot);
    for (tenant, lease) in latest_leases(&snapshot.leases, options.to) {
        let name = snapshot.names.get(tenant).cloned().unwrap_or_default();
        match tenant_debit(snapshot, &notices, lease, options) {
            Ok(None) => {}
            Ok(Some(debit)) => list.debits.push(Debit { name, ..debit }),
            Err(reason) => list.skipped.push(Skipped {
                tenant: tenant.to_string(),
                name,
                lease: lease.reference.clone(),
                reason,
            }),
        }
    }
    list
}

/// Par locataire (dans l'ordre des références), sa location la plus récente commencée
/// au plus tard `to` : la dernière par date de début, puis par référence. Seuls les
/// locataires dont une location au moins est en prélèvement sont concernés.
fn latest_leases(leases: &[Lease], to: NaiveDate) -> BTreeMap<&str, &Lease> {
    let mut latest: BTreeMap<&str, &Lease> = BTreeMap::new();
    for lease in leases.iter().filter(|l| l.start_date <= to) {
        let newer = latest.get(lease.tenant.as_str()).is_none_or(|kept| {
            (lease.start_date, &lease.reference) > (kept.start_date, &kept.reference)
        });
        if newer {
            latest.insert(lease.tenant.as_str(), lease);
        }
    }
    let concerned: std::collections::HashSet<&str> = leases
        .iter()
        .filter(|l| is_debit_mode(l) || l.payment.direct_debit)
        .map(|l| l.tenant.as_str())
        .collect();
    latest.retain(|tenant, _| concerned.contains(tenant));
    latest
}

fn is_debit_mode(lease: &Lease) -> bool {
    lease.payment_mode == PaymentMode::DirectDebit
}

/// Le prélèvement d'un locataire d'après sa dernière location : `Ok(None)` si sa date
/// de prélèvement n'est pas dans la période (il n'est pas de cette liste), `Err` avec
/// la raison s'il est écarté.
fn tenant_debit(
    snapshot: &DebitSnapshot,
    notices: &NoticesByTenant<'_>,
    lease: &Lease,
    options: &DebitOptions,
) -> Result<Option<Debit>, String> {
    if !is_debit_mode(lease) {
        return Err(format!(
            "la location la plus récente du locataire est réglée par {} : pas de prélèvement",
            lease.payment_mode.label().to_lowercase()
        ));
    }
    let Some(date) = debit_date(lease, options) else {
        return Ok(None);
    };
    let bic = bank_details(snapshot, lease)?;
    let balance = snapshot
        .balances
        .get(&lease.tenant)
        .copied()
        .unwrap_or(Money::ZERO);
    if balance.is_zero() {
        return Err("solde nul : rien à prélever".to_string());
    }
    if balance < Money::ZERO {
        return Err(format!(
            "solde créditeur de {} € : rien à prélever",
            format_money_plain(-balance)
        ));
    }
    let (wanted, rule, notice) = amount_rule(notices, lease, date, balance);
    if wanted <= Money::ZERO {
        return Err("l'avis de la période précédente ne demande rien : rien à prélever".into());
    }
    let pay = &lease.payment;
    Ok(Some(Debit {
        tenant: lease.tenant.clone(),
        name: String::new(),
        lease: lease.reference.clone(),
        account_holder: pay.account_holder.clone(),
        iban: pay.iban.clone(),
        bic,
        mandate_ref: pay.mandate_ref.clone(),
        mandate_date: pay.mandate_date,
        date,
        amount: wanted.min(balance),
        rule,
        capped: wanted > balance,
        notice,
        balance,
        address: snapshot.addresses.get(&lease.reference).cloned(),
    }))
}

/// Prélèvement auto., IBAN valide, BIC de la banque du catalogue, RUM et date du
/// mandat : le BIC, ou la raison de l'écart.
fn bank_details(snapshot: &DebitSnapshot, lease: &Lease) -> Result<String, String> {
    let pay = &lease.payment;
    if !pay.direct_debit {
        return Err("« Prélèvement auto. » n'est pas coché : prélèvement désactivé".into());
    }
    if pay.iban.trim().is_empty() {
        return Err("IBAN non renseigné (onglet Règlement)".into());
    }
    if let Err(e) = validate::iban(&pay.iban) {
        return Err(format!("IBAN invalide : {e}"));
    }
    let Some(bank) = pay.bank.as_deref().filter(|b| !b.trim().is_empty()) else {
        return Err("banque non renseignée : le BIC vient du catalogue des banques".into());
    };
    let Some(bic) = snapshot.bics.get(bank).filter(|b| !b.trim().is_empty()) else {
        return Err(format!(
            "banque « {bank} » absente du catalogue des banques ou sans BIC"
        ));
    };
    if pay.mandate_ref.trim().is_empty() {
        return Err("référence unique de mandat (RUM) non renseignée".into());
    }
    if pay.mandate_date.is_none() {
        return Err("date de signature du mandat non renseignée".into());
    }
    Ok(bic.clone())
}

/// Première date de prélèvement de la location dans la période : le jour de
/// prélèvement de chacun de ses mois (ramené au dernier jour d'un mois plus court), à
/// défaut le jour d'échéance du mois ; jamais avant le début de la location.
fn debit_date(lease: &Lease, options: &DebitOptions) -> Option<NaiveDate> {
    let mut month = options.from.with_day(1)?;
    while month <= options.to {
        let end = period_end(month, 1)?;
        let date = match lease.payment.debit_day {
            Some(day) => debit_day_in(month, day)?,
            None => due_date(lease.term, lease.due_day_offset, month, end),
        };
        if date >= options.from && date <= options.to && date >= lease.start_date {
            return Some(date);
        }
        month = month.checked_add_months(Months::new(1))?;
    }
    None
}

/// Le jour de prélèvement `day` dans le mois de `date`, ramené au dernier jour d'un mois
/// plus court (31 → 28 février).
pub fn debit_day_in(date: NaiveDate, day: u8) -> Option<NaiveDate> {
    let first = date.with_day(1)?;
    let last = period_end(first, 1)?;
    first.with_day(u32::from(day).clamp(1, last.day()))
}

/// Montant voulu avant écrêtement, sa règle et l'avis retenu (manuel : forfait
/// alternatif s'il est indiqué, sinon périodique ; sans forfait, le dernier avis de la
/// période précédente ; sans avis, le solde).
fn amount_rule(
    notices: &NoticesByTenant<'_>,
    lease: &Lease,
    date: NaiveDate,
    balance: Money,
) -> (Money, AmountRule, Option<String>) {
    let notice = notices.last(&lease.tenant, date);
    let (amount, rule) = wanted_amount(&lease.payment, notice.map(|n| n.due), balance);
    let number = notice
        .filter(|_| rule == AmountRule::Notice)
        .map(|n| n.number.clone());
    (amount, rule, number)
}

/// La règle du manuel, seule pour la liste des prélèvements et l'avis qui les annonce :
/// « Le montant prélevé est le montant alternatif s'il est indiqué, sinon le montant
/// périodique s'il est indiqué » ; sans forfait, le montant de l'avis de la période
/// (`notice_due`) ; sans avis, le solde. Montant avant écrêtement au solde.
pub fn wanted_amount(
    payment: &PaymentInfo,
    notice_due: Option<Money>,
    balance: Money,
) -> (Money, AmountRule) {
    if payment.alt_amount > Money::ZERO {
        return (payment.alt_amount, AmountRule::Alternative);
    }
    if payment.fixed_amount > Money::ZERO {
        return (payment.fixed_amount, AmountRule::Periodic);
    }
    match notice_due {
        Some(due) => (due, AmountRule::Notice),
        None => (balance, AmountRule::Balance),
    }
}

/// Les avis de l'instantané par locataire : la liste cherche le dernier de chacun sans
/// parcourir tous les avis pour chaque location.
struct NoticesByTenant<'a>(HashMap<&'a str, Vec<&'a NoticeDue>>);

impl<'a> NoticesByTenant<'a> {
    /// Les avis de l'instantané rangés par locataire (par la location de chacun), lus une
    /// fois pour toute la liste.
    fn of(snapshot: &'a DebitSnapshot) -> Self {
        let tenant_of: HashMap<&str, &str> = snapshot
            .leases
            .iter()
            .map(|l| (l.reference.as_str(), l.tenant.as_str()))
            .collect();
        let mut by_tenant: HashMap<&str, Vec<&NoticeDue>> = HashMap::new();
        for notice in &snapshot.notices {
            if let Some(tenant) = tenant_of.get(notice.lease.as_str()) {
                by_tenant.entry(tenant).or_default().push(notice);
            }
        }
        NoticesByTenant(by_tenant)
    }

    /// Dernier avis du locataire (toutes ses locations) de la période précédant la date
    /// de prélèvement : commencé au plus tard à cette date et fini au plus tôt le premier
    /// du mois précédent (avis du mois à échoir, ou du mois échu). Son total à payer est
    /// celui du locataire : avec deux locations à la fois (logement et cave), le dernier
    /// avis généré reprend le premier, on ne les additionne pas.
    fn last(&self, tenant: &str, date: NaiveDate) -> Option<&'a NoticeDue> {
        let earliest = previous_month_start(date);
        self.0
            .get(tenant)?
            .iter()
            .copied()
            .filter(|n| n.period_start <= date && n.period_end >= earliest)
            .max_by(|a, b| (a.period_start, &a.number).cmp(&(b.period_start, &b.number)))
    }
}

/// Liste en CSV pour un tableur français : BOM UTF-8, `;`, virgule décimale, CRLF ; les
/// prélèvements, une ligne de totaux, puis les locations écartées avec leur raison.
/// L'IBAN y est masqué comme sur l'avis (le fichier SEPA, lui, porte l'IBAN entier).
pub fn debit_csv(list: &DebitList) -> String {
    let clean = |s: &str| s.replace([';', '\r', '\n'], " ");
    let mut out =
        String::from("\u{feff}locataire;nom;location;iban;bic;rum;date;montant;regle\r\n");
    for d in &list.debits {
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{}\r\n",
            clean(&d.tenant),
            clean(&d.name),
            clean(&d.lease),
            mask_iban(&d.iban),
            clean(&d.bic),
            clean(&d.mandate_ref),
            format_date(d.date),
            format_money_plain(d.amount),
            d.rule_label()
        ));
    }
    out.push_str(&format!(
        "Total;{} prélèvement(s);;;;;;{};\r\n",
        list.debits.len(),
        format_money_plain(list.total())
    ));
    for s in &list.skipped {
        out.push_str(&format!(
            "{};{};{};;;;;;écarté : {}\r\n",
            clean(&s.tenant),
            clean(&s.name),
            clean(&s.lease),
            clean(&s.reason)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{wanted_amount, AmountRule};
    use crate::model::{Money, PaymentInfo};

    fn eur(cents: i64) -> Money {
        Money::new(cents, 2)
    }

    /// L'ordre du manuel : forfait alternatif, puis périodique, puis avis, puis solde ;
    /// l'avis imprimé d'un locataire prélevé emploie la même règle.
    #[test]
    fn the_alternative_amount_wins_then_the_periodic_then_the_notice_then_the_balance() {
        let both = PaymentInfo {
            alt_amount: eur(6000),
            fixed_amount: eur(9000),
            ..PaymentInfo::default()
        };
        assert_eq!(
            wanted_amount(&both, Some(eur(51240)), eur(25000)),
            (eur(6000), AmountRule::Alternative)
        );
        let periodic = PaymentInfo {
            fixed_amount: eur(9000),
            ..PaymentInfo::default()
        };
        assert_eq!(
            wanted_amount(&periodic, Some(eur(51240)), eur(25000)),
            (eur(9000), AmountRule::Periodic)
        );
        let none = PaymentInfo::default();
        assert_eq!(
            wanted_amount(&none, Some(eur(51240)), eur(25000)),
            (eur(51240), AmountRule::Notice)
        );
        assert_eq!(
            wanted_amount(&none, None, eur(25000)),
            (eur(25000), AmountRule::Balance)
        );
    }
}
