//! Génération des avis d'échéance (S8 ; manuel : « Les avis d'échéances de loyer »).
//!
//! `plan` est une fonction pure : d'un instantané (locations, rubriques, avis déjà
//! générés, soldes des locataires) et des options, elle tire les avis à produire, leurs
//! pièces (modèle `Loc_FACT Avis`) et le compte rendu (avis générés, locations et
//! rubriques écartées avec la raison). `apply` enregistre le plan dans la transaction
//! d'écriture ; `run` enchaîne les deux, ou s'arrête au plan pour une vérification.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};

use crate::ledger::statement::deferred_and_due;
use crate::ledger::{self, EntryDraft, LedgerContext, LedgerError, VoucherDraft, NOTICE_ORIGIN};
use crate::model::dates::format_date;
use crate::model::money::{format_money, round_cents};
use crate::model::{
    Account, Building, ChargeItem, DocumentKind, DocumentLine, Frequency, Gestion, ItemPurpose,
    Lease, LeaseItem, LeasePeriod, LineSection, Money, TenantDocument, Term, ThirdParty, Unit,
};
use crate::store::{NoticeIndex, Repo, Session, Store, StoreError, TiersMovement};

/// Modèle comptable des avis et son journal par défaut.
pub const NOTICE_TEMPLATE: &str = "Loc_FACT Avis";
const NOTICE_JOURNAL: &str = "VEN";

/// Options du traitement (dialogue « Génération des avis d'échéance »).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeOptions {
    /// Mois de début de la période (n'importe quel jour du mois : ramené au 1er).
    pub period: NaiveDate,
    /// Date de valeur comptable des avis.
    pub value_date: NaiveDate,
    /// Locations visées ; `None` = toutes.
    pub leases: Option<Vec<String>>,
    /// Message imprimé sur tous les avis du traitement.
    pub run_message: String,
}

/// Refus du traitement, en français.
#[derive(Debug, thiserror::Error)]
pub enum NoticeError {
    #[error("location « {0} » inconnue : vérifiez la référence")]
    UnknownLease(String),
    #[error("avis {0} inconnu")]
    UnknownDocument(String),
    #[error("l'avis {number} n'est pas le dernier de la location {lease} (le dernier est {latest}) : supprimez d'abord les avis plus récents")]
    NotLatest {
        number: String,
        lease: String,
        latest: String,
    },
    #[error("le document {number} ne peut plus être supprimé : l'avis d'échéance {notice} a été généré après lui")]
    NoticeAfter { number: String, notice: String },
    #[error("{0}")]
    Ledger(#[from] LedgerError),
    #[error("{0}")]
    Lock(#[from] ledger::locks::LockError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Ce que la génération lit de la base, une fois pour toutes les locations.
#[derive(Debug, Clone)]
pub struct NoticeSnapshot {
    pub leases: Vec<Lease>,
    pub periods: Vec<LeasePeriod>,
    pub items: Vec<LeaseItem>,
    pub catalogue: HashMap<String, ChargeItem>,
    pub accounts: Vec<Account>,
    pub tenants: HashMap<String, crate::model::Tenant>,
    pub units: HashMap<String, Unit>,
    pub buildings: HashMap<String, Building>,
    pub third_parties: HashMap<String, ThirdParty>,
    /// Avis qui finissent au début de la période demandée ou après.
    pub notices: Vec<NoticeIndex>,
    /// Cumul déjà facturé par (location, rubrique, début de rubrique).
    pub billed: HashMap<(String, String, NaiveDate), Money>,
    /// Date de valeur du dernier avis de chaque locataire.
    pub last_notices: HashMap<String, NaiveDate>,
    /// Soldes « débit − crédit » par (tiers, compte de gestion) à la date de valeur.
    pub balances: HashMap<(String, String), Money>,
    /// Écritures sur tiers depuis le plus ancien des avis précédents des locataires visés.
    pub movements: Vec<TiersMovement>,
}

impl NoticeSnapshot {
    pub fn load(repo: &Repo, options: &NoticeOptions) -> Result<Self, NoticeError> {
        // Deux moitiés de taille voisine, lues en parallèle sur deux connexions : les
        // soldes, les cumuls facturés, les avis récents et les rubriques d'un côté ;
        // les fiches et les relevés de l'autre.
        let period_start = options.period.with_day(1).unwrap_or(options.period);
        let (ledger_side, records) = repo.beside(
            |there| {
                Ok::<_, StoreError>((
                    there.gestion_balances(options.value_date)?,
                    there.billed_by_item()?,
                    // seuls les avis qui finissent dans la période ou après peuvent bloquer
                    there.notices_ending_from(Some(period_start))?,
                    there.lease_items()?,
                ))
            },
            |here| Self::load_records(here, options),
        );
        let (balances, billed, notices, items) = ledger_side?;
        Ok(NoticeSnapshot {
            items,
            notices,
            billed,
            balances,
            ..records?
        })
    }

    /// Les fiches, les derniers avis et les écritures des relevés (le reste vide).
    fn load_records(repo: &Repo, options: &NoticeOptions) -> Result<Self, NoticeError> {
        let leases = repo.leases()?;
        if let Some(wanted) = &options.leases {
            let known: std::collections::HashSet<&str> =
                leases.iter().map(|l| l.reference.as_str()).collect();
            if let Some(unknown) = wanted.iter().find(|w| !known.contains(w.as_str())) {
                return Err(NoticeError::UnknownLease(unknown.clone()));
            }
        }
        let tenants: HashMap<String, crate::model::Tenant> = repo
            .tenants()?
            .into_iter()
            .map(|t| (t.reference.clone(), t))
            .collect();
        let last_notices = repo.last_notice_dates()?;
        let movements = statement_movements(repo, options, &leases, &last_notices)?;
        Ok(NoticeSnapshot {
            periods: repo.periods()?,
            items: Vec::new(),
            catalogue: repo
                .charge_items()?
                .into_iter()
                .map(|c| (c.reference.clone(), c))
                .collect(),
            accounts: repo.accounts()?,
            tenants,
            units: repo
                .units()?
                .into_iter()
                .map(|u| (u.reference.clone(), u))
                .collect(),
            buildings: repo
                .buildings()?
                .into_iter()
                .map(|b| (b.reference.clone(), b))
                .collect(),
            third_parties: repo
                .third_parties()?
                .into_iter()
                .map(|t| (t.reference.clone(), t))
                .collect(),
            notices: Vec::new(),
            billed: HashMap::new(),
            last_notices,
            balances: HashMap::new(),
            movements,
            leases,
        })
    }
}

/// Les écritures à imprimer dans les relevés des avis : le relevé de chaque avis part
/// de l'avis précédent du locataire. Seules les locations qui peuvent recevoir un avis
/// comptent (une location sortie avant la période ou qui commence après la date de valeur
/// n'en reçoit pas) : les écritures des locataires déjà avisés sont lues depuis le plus
/// ancien de leurs derniers avis (index des dates), celles des locataires jamais avisés
/// par leur tiers — sans relire tout le grand livre pour un nouveau locataire.
fn statement_movements(
    repo: &Repo,
    options: &NoticeOptions,
    leases: &[Lease],
    last_notices: &HashMap<String, NaiveDate>,
) -> Result<Vec<TiersMovement>, NoticeError> {
    let period_start = options.period.with_day(1).unwrap_or(options.period);
    let may_get_notice = |l: &&Lease| {
        in_scope(options, l)
            && !starts_after_value_date(l, options)
            && moved_out_before(l, period_start).is_none()
    };
    // Les écritures depuis le dernier avis se lisent par les pièces de la période pour
    // la plupart des locataires ; celles d'un locataire jamais avisé, ou avisé plus de
    // 40 jours avant le plus récent des derniers avis (facturation trimestrielle, avis
    // suspendus), se lisent par son tiers : un seul retardataire ne fait plus relire
    // trois mois de pièces de tout le bailleur.
    let mut last: Vec<(&str, Option<NaiveDate>)> = leases
        .iter()
        .filter(may_get_notice)
        .map(|lease| {
            (
                lease.tenant.as_str(),
                last_notices.get(&lease.tenant).copied(),
            )
        })
        .collect();
    last.sort_unstable();
    last.dedup();
    let latest = last.iter().filter_map(|(_, date)| *date).max();
    let recent = |date: Option<NaiveDate>| match (date, latest) {
        (Some(date), Some(latest)) => (latest - date).num_days() <= 40,
        _ => false,
    };
    let since = last
        .iter()
        .filter(|(_, date)| recent(*date))
        .filter_map(|(_, date)| *date)
        .min();
    let one_by_one: Vec<(&str, Option<NaiveDate>)> = last
        .iter()
        .copied()
        .filter(|(_, date)| !recent(*date))
        .collect();
    let read_alone = |tiers: &str| {
        one_by_one
            .binary_search_by(|(t, _)| (*t).cmp(tiers))
            .is_ok()
    };
    let mut movements = match since {
        Some(after) => repo
            .tiers_movements(Some(after), options.value_date)?
            .into_iter()
            .filter(|m| !read_alone(&m.tiers))
            .collect(),
        None => Vec::new(),
    };
    for (tenant, after) in &one_by_one {
        movements.extend(repo.tiers_movements_of(tenant, *after, options.value_date)?);
    }
    // ordre des relevés : date puis pièce (tri stable : les lignes d'une pièce gardent
    // leur ordre)
    movements.sort_by(|a, b| (a.value_date, &a.number).cmp(&(b.value_date, &b.number)));
    Ok(movements)
}

/// La location commence après la date de valeur des avis : pas d'avis.
fn starts_after_value_date(lease: &Lease, options: &NoticeOptions) -> bool {
    lease.start_date > options.value_date
}

/// Date de sortie du locataire si elle précède le début de la période : pas d'avis.
fn moved_out_before(lease: &Lease, period_start: NaiveDate) -> Option<NaiveDate> {
    lease.move_out_date.filter(|out| *out < period_start)
}

fn in_scope(options: &NoticeOptions, lease: &Lease) -> bool {
    options
        .leases
        .as_ref()
        .is_none_or(|wanted| wanted.contains(&lease.reference))
}

/// Index de l'instantané par location et par locataire, construits une fois par plan
/// (sans eux, chaque location parcourrait toutes les rubriques et écritures).
struct Lookup<'a> {
    items: HashMap<&'a str, Vec<&'a LeaseItem>>,
    /// Début de la première période de chaque location.
    first_period: HashMap<&'a str, NaiveDate>,
    movements: HashMap<&'a str, Vec<&'a TiersMovement>>,
}

impl<'a> Lookup<'a> {
    fn of(snapshot: &'a NoticeSnapshot) -> Self {
        let mut items: HashMap<&str, Vec<&LeaseItem>> = HashMap::new();
        for i in &snapshot.items {
            items.entry(i.lease.as_str()).or_default().push(i);
        }
        let mut first_period: HashMap<&str, NaiveDate> = HashMap::new();
        for p in &snapshot.periods {
            let first = first_period.entry(p.lease.as_str()).or_insert(p.start_date);
            *first = (*first).min(p.start_date);
        }
        let mut movements: HashMap<&str, Vec<&TiersMovement>> = HashMap::new();
        for m in &snapshot.movements {
            movements.entry(m.tiers.as_str()).or_default().push(m);
        }
        Lookup {
            items,
            first_period,
            movements,
        }
    }
}

/// Issue d'une location dans le compte rendu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Avis produit : montant facturé et total à payer.
    Generated { amount: Money, total_due: Money },
    /// Pas d'avis : la condition bloquante.
    Skipped(String),
}

/// Une ligne du compte rendu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub lease: String,
    pub tenant: String,
    pub outcome: Outcome,
    /// Rubriques non produites, avec la raison.
    pub items: Vec<String>,
}

/// Un avis à enregistrer : le document (sans numéro) et sa pièce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedNotice {
    pub tenant: String,
    pub document: TenantDocument,
    pub voucher: Option<VoucherDraft>,
}

/// Ce que la génération ferait.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoticePlan {
    pub notices: Vec<PlannedNotice>,
    pub report: Vec<ReportLine>,
}

/// Période facturée : du 1er du mois à la fin du mois (mensuel) ou du troisième mois
/// (trimestriel).
pub fn billing_period(frequency: Frequency, month: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start = month.with_day(1).unwrap_or(month);
    let months = match frequency {
        Frequency::Monthly => 1,
        Frequency::Quarterly => 3,
    };
    let end = crate::model::dates::period_end(start, months).unwrap_or(start);
    (start, end)
}

/// Échéance : début de période + décalage (à échoir) ou fin de période + décalage (échu).
pub fn due_date(term: Term, offset: u8, start: NaiveDate, end: NaiveDate) -> NaiveDate {
    let base = match term {
        Term::Advance => start,
        Term::Arrears => end,
    };
    base.checked_add_days(Days::new(u64::from(offset)))
        .unwrap_or(base)
}

/// Montant périodique d'une rubrique : le révisé si la révision date au plus tard du
/// début de période, sinon l'initial.
pub fn item_amount(item: &LeaseItem, period_start: NaiveDate) -> Money {
    item.amount_at(period_start)
}

/// Jours de présence dans la période : recouvrement de la période et de
/// [max(début location, début rubrique), min(sortie, fin rubrique)].
pub fn presence_days(period: (NaiveDate, NaiveDate), lease: &Lease, item: &LeaseItem) -> i64 {
    let from = period.0.max(lease.start_date).max(item.start_date);
    let mut to = period.1;
    if let Some(out) = lease.move_out_date {
        to = to.min(out);
    }
    if let Some(end) = item.end_date {
        to = to.min(end);
    }
    ((to - from).num_days() + 1).max(0)
}

fn days_in(period: (NaiveDate, NaiveDate)) -> i64 {
    (period.1 - period.0).num_days() + 1
}

/// La condition qui empêche l'avis d'une location, s'il y en a une (manuel :
/// « Vérification avant génération d'un avis »).
fn blocking_reason(
    lease: &Lease,
    period: (NaiveDate, NaiveDate),
    options: &NoticeOptions,
    snapshot: &NoticeSnapshot,
    lookup: &Lookup,
    lease_notices: &[&NoticeIndex],
) -> Option<String> {
    if lease.locked {
        return Some("location verrouillée : déverrouillez-la pour générer ses avis".into());
    }
    if starts_after_value_date(lease, options) {
        return Some(format!(
            "la location commence le {}, après la date de valeur du {}",
            format_date(lease.start_date),
            format_date(options.value_date)
        ));
    }
    if lease.start_date > period.1 {
        return Some(format!(
            "la location commence le {}, après la fin de la période",
            format_date(lease.start_date)
        ));
    }
    if let Some(out) = moved_out_before(lease, period.0) {
        return Some(format!(
            "locataire sorti le {}, avant le début de la période",
            format_date(out)
        ));
    }
    if lookup
        .first_period
        .get(lease.reference.as_str())
        .is_none_or(|start| *start > period.1)
    {
        return Some("aucune période de location : créez-en une (onglet Périodes)".into());
    }
    if let Some(same) = lease_notices.iter().find(|n| n.period_start == period.0) {
        return Some(format!(
            "avis déjà généré pour cette période ({})",
            same.number
        ));
    }
    if let Some(later) = lease_notices.iter().find(|n| n.period_end >= period.0) {
        return Some(if later.period_start > period.0 {
            format!(
                "un avis existe pour une période postérieure ({}, du {} au {})",
                later.number,
                format_date(later.period_start),
                format_date(later.period_end)
            )
        } else {
            format!(
                "période déjà couverte par l'avis {} (du {} au {})",
                later.number,
                format_date(later.period_start),
                format_date(later.period_end)
            )
        });
    }
    if let Some(previous) = snapshot
        .last_notices
        .get(&lease.tenant)
        .filter(|d| **d > options.value_date)
    {
        return Some(format!(
            "date de valeur antérieure au dernier avis du locataire ({}) : choisissez une date à partir de celle-ci",
            format_date(*previous)
        ));
    }
    None
}

/// Lignes de la période pour une location, et les rubriques écartées avec leur raison.
fn period_lines(
    lease: &Lease,
    period: (NaiveDate, NaiveDate),
    snapshot: &NoticeSnapshot,
    lookup: &Lookup,
) -> (Vec<DocumentLine>, Vec<String>) {
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    let items = lookup
        .items
        .get(lease.reference.as_str())
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for item in items.iter().copied() {
        let name = label_of(item);
        if !item.active {
            skipped.push(format!("rubrique {name} : inactive"));
            continue;
        }
        if item.start_date > period.1 {
            skipped.push(format!(
                "rubrique {name} : commence le {}, après la période",
                format_date(item.start_date)
            ));
            continue;
        }
        if let Some(end) = item.end_date.filter(|e| *e < period.0) {
            skipped.push(format!(
                "rubrique {name} : terminée le {}, avant la période",
                format_date(end)
            ));
            continue;
        }
        let base = item_amount(item, period.0);
        let mut amount = base;
        let mut label = name.clone();
        if item.purpose != ItemPurpose::Instalment && item.prorata {
            let present = presence_days(period, lease, item);
            let days = days_in(period);
            if present < days {
                amount = round_cents(base * Money::from(present) / Money::from(days));
                label = format!("{name} ({present}/{days} jours)");
            }
        }
        if item.purpose == ItemPurpose::Billing && item.ceiling > Money::ZERO {
            let billed = snapshot
                .billed
                .get(&(lease.reference.clone(), item.item.clone(), item.start_date))
                .copied()
                .unwrap_or(Money::ZERO);
            let left = item.ceiling - billed;
            if left <= Money::ZERO {
                skipped.push(format!(
                    "rubrique {name} : plafond atteint ({} déjà facturés sur {})",
                    format_money(billed),
                    format_money(item.ceiling)
                ));
                continue;
            }
            amount = amount.min(left);
        }
        if amount.is_zero() {
            skipped.push(format!("rubrique {name} : montant nul pour la période"));
            continue;
        }
        lines.push(DocumentLine {
            section: LineSection::Period,
            item_ref: item.item.clone(),
            item_start: Some(item.start_date),
            gestion: Some(item.gestion),
            item_type: item.item_type.clone(),
            purpose: Some(item.purpose),
            date: None,
            label,
            debit: amount.max(Money::ZERO),
            credit: (-amount).max(Money::ZERO),
        });
    }
    (lines, skipped)
}

fn label_of(item: &LeaseItem) -> String {
    if item.free_reference.trim().is_empty() {
        item.item.clone()
    } else {
        format!("{} {}", item.item, item.free_reference.trim())
    }
}

/// Destinataire de l'avis : la règle unique [`recipient_of`], sur l'instantané.
fn recipient(lease: &Lease, snapshot: &NoticeSnapshot) -> Vec<String> {
    AddressBook {
        tenants: &snapshot.tenants,
        units: &snapshot.units,
        buildings: &snapshot.buildings,
        third_parties: &snapshot.third_parties,
    }
    .recipient(lease, true)
}

/// Les fiches qui donnent l'adresse d'un document, lues une fois par traitement.
pub struct AddressBook<'a> {
    pub tenants: &'a HashMap<String, crate::model::Tenant>,
    pub units: &'a HashMap<String, Unit>,
    pub buildings: &'a HashMap<String, Building>,
    pub third_parties: &'a HashMap<String, ThirdParty>,
}

impl AddressBook<'_> {
    /// Destinataire d'un document de la location ([`recipient_of`]) ; `with_payer` : un
    /// tiers payeur de la location reçoit le document.
    pub fn recipient(&self, lease: &Lease, with_payer: bool) -> Vec<String> {
        let unit = self.units.get(&lease.unit);
        recipient_of(
            lease,
            self.tenants.get(&lease.tenant),
            unit,
            unit.and_then(|u| self.buildings.get(&u.building)),
            lease
                .third_party_payer
                .as_ref()
                .filter(|_| with_payer)
                .and_then(|p| self.third_parties.get(p)),
        )
    }
}

/// Destinataire d'un document d'une location (avis, quittance, reçu, appel de dépôt,
/// facture, avoir), nom puis lignes d'adresse — la seule règle, pour tous les documents
/// (manuel : « Destinataire des avis d'échéance/quittances ») : le tiers payeur s'il est
/// donné, sinon le locataire à son adresse alternative, sinon à l'adresse du lot.
pub fn recipient_of(
    lease: &Lease,
    tenant: Option<&crate::model::Tenant>,
    unit: Option<&Unit>,
    building: Option<&Building>,
    payer: Option<&ThirdParty>,
) -> Vec<String> {
    if let Some(payer) = payer {
        return address(&payer.name, &payer.street, &payer.postcode, &payer.city, "");
    }
    let name = tenant
        .map(|t| t.display_name())
        .unwrap_or_else(|| lease.tenant.clone());
    if let Some(t) = tenant.filter(|t| !t.alt_street.trim().is_empty()) {
        return address(&name, &t.alt_street, &t.alt_postcode, &t.alt_city, "");
    }
    match (unit, building) {
        (Some(u), Some(b)) => address(&name, &b.street, &b.postcode, &b.city, &unit_detail(u)),
        _ => vec![name],
    }
}

fn unit_detail(u: &Unit) -> String {
    let mut parts = Vec::new();
    if !u.staircase.trim().is_empty() {
        parts.push(format!("escalier {}", u.staircase.trim()));
    }
    if !u.floor.trim().is_empty() {
        parts.push(format!("étage {}", u.floor.trim()));
    }
    if !u.door.trim().is_empty() {
        parts.push(format!("porte {}", u.door.trim()));
    }
    parts.join(", ")
}

fn address(name: &str, street: &str, postcode: &str, city: &str, detail: &str) -> Vec<String> {
    let mut lines = vec![name.trim().to_string()];
    if !detail.is_empty() {
        lines.push(detail.to_string());
    }
    if !street.trim().is_empty() {
        lines.push(street.trim().to_string());
    }
    let town = format!("{} {}", postcode.trim(), city.trim());
    if !town.trim().is_empty() {
        lines.push(town.trim().to_string());
    }
    lines
}

/// Code analytique d'une location : celui du lot, sinon celui de son immeuble.
fn analytic_of(lease: &Lease, snapshot: &NoticeSnapshot) -> String {
    snapshot
        .units
        .get(&lease.unit)
        .map(|u| u.analytic_code(snapshot.buildings.get(&u.building)))
        .unwrap_or_default()
}

/// Pièce `Loc_FACT Avis` : chaque ligne FAC crédite son compte de produit (analytique du
/// lot) ; le compte de gestion du locataire est débité du total de chaque gestion.
fn notice_voucher(
    lease: &Lease,
    lines: &[DocumentLine],
    snapshot: &NoticeSnapshot,
    options: &NoticeOptions,
    period: (NaiveDate, NaiveDate),
) -> Result<Option<VoucherDraft>, String> {
    let analytic = analytic_of(lease, snapshot);
    let mut entries = Vec::new();
    let mut by_gestion: BTreeMap<Gestion, Money> = BTreeMap::new();
    for line in lines
        .iter()
        .filter(|l| l.purpose == Some(ItemPurpose::Billing))
    {
        let charge = snapshot
            .catalogue
            .get(&line.item_ref)
            .ok_or_else(|| format!("rubrique « {} » absente du catalogue", line.item_ref))?;
        let account = snapshot
            .accounts
            .iter()
            .find(|a| a.reference == charge.account)
            .ok_or_else(|| {
                format!(
                    "rubrique « {} » : compte {} absent du plan comptable",
                    line.item_ref, charge.account
                )
            })?;
        let amount = line.amount();
        entries.push(EntryDraft {
            account: account.reference.clone(),
            tiers: account.collective.then(|| lease.tenant.clone()),
            analytic: if account.analytic_required {
                analytic.clone()
            } else {
                String::new()
            },
            label: line.label.clone(),
            debit: (-amount).max(Money::ZERO),
            credit: amount.max(Money::ZERO),
        });
        if let Some(g) = line.gestion {
            *by_gestion.entry(g).or_insert(Money::ZERO) += amount;
        }
    }
    for (gestion, total) in by_gestion {
        if total.is_zero() {
            continue;
        }
        let account = crate::ledger::template::current_account(&snapshot.accounts, gestion)
            .ok_or_else(|| LedgerError::NoGestionAccount(gestion).to_string())?;
        entries.push(EntryDraft {
            account: account.reference.clone(),
            tiers: Some(lease.tenant.clone()),
            analytic: String::new(),
            label: gestion.label().to_string(),
            debit: total.max(Money::ZERO),
            credit: (-total).max(Money::ZERO),
        });
    }
    entries.retain(|e| !(e.debit.is_zero() && e.credit.is_zero()));
    // Chaque ligne FAC a sa contrepartie au compte de sa gestion : la pièce est équilibrée
    // dès que toutes en ont une.
    debug_assert!(
        lines
            .iter()
            .any(|l| l.purpose == Some(ItemPurpose::Billing) && l.gestion.is_none())
            || entries.iter().map(|e| e.debit).sum::<Money>()
                == entries.iter().map(|e| e.credit).sum::<Money>()
    );
    if entries.is_empty() {
        return Ok(None);
    }
    let surname = snapshot
        .tenants
        .get(&lease.tenant)
        .map(|t| t.surname.clone())
        .unwrap_or_else(|| lease.tenant.clone());
    Ok(Some(VoucherDraft {
        journal: NOTICE_JOURNAL.to_string(),
        value_date: options.value_date,
        label: format!("Avis {surname} {}", period_label(period)),
        template: Some(NOTICE_TEMPLATE.to_string()),
        tiers: Some(lease.tenant.clone()),
        lease: Some(lease.reference.clone()),
        analytic,
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: NOTICE_ORIGIN.to_string(),
        entries,
    }))
}

/// « 03/2026 » pour un mois, « 01/2026-03/2026 » pour un trimestre.
pub fn period_label(period: (NaiveDate, NaiveDate)) -> String {
    let start = period.0.format("%m/%Y").to_string();
    let end = period.1.format("%m/%Y").to_string();
    if start == end {
        start
    } else {
        format!("{start}-{end}")
    }
}

/// Soldes courants d'un locataire après l'avis, par compte de gestion de classe 4.
fn current_balances(
    tenant: &str,
    snapshot: &NoticeSnapshot,
    gestion_of: &BTreeMap<String, Gestion>,
    extra: &BTreeMap<String, Money>,
) -> BTreeMap<(Gestion, String), Money> {
    let mut out = BTreeMap::new();
    for (account, gestion) in gestion_of {
        let key = (tenant.to_string(), account.clone());
        let balance = snapshot.balances.get(&key).copied().unwrap_or(Money::ZERO)
            + extra.get(account).copied().unwrap_or(Money::ZERO);
        if !balance.is_zero() {
            out.insert((*gestion, account.clone()), balance);
        }
    }
    out
}

/// Le plan : un avis par location éligible, dans l'ordre des références.
pub fn plan(snapshot: &NoticeSnapshot, options: &NoticeOptions) -> NoticePlan {
    // Au-delà de quelques milliers de locations, deux moitiés sur deux cœurs.
    let parts = if snapshot.leases.len() >= 2000 { 2 } else { 1 };
    plan_in_parts(snapshot, options, parts)
}

/// Le plan fait en `parts` parties en parallèle, chaque locataire entier dans une seule
/// (le solde de son second avis compte le premier) ; le compte rendu et les avis restent
/// dans l'ordre des locations.
pub fn plan_in_parts(
    snapshot: &NoticeSnapshot,
    options: &NoticeOptions,
    parts: usize,
) -> NoticePlan {
    let parts = parts.max(1);
    let gestion_of = crate::ledger::statement::gestion_accounts(&snapshot.accounts, false);
    let mut notices_by_lease: HashMap<&str, Vec<&NoticeIndex>> = HashMap::new();
    for n in &snapshot.notices {
        notices_by_lease
            .entry(n.lease.as_str())
            .or_default()
            .push(n);
    }
    let shared = Shared {
        snapshot,
        options,
        lookup: Lookup::of(snapshot),
        gestion_of,
        notices_by_lease,
    };
    let scope: Option<std::collections::HashSet<&str>> = options
        .leases
        .as_ref()
        .map(|wanted| wanted.iter().map(String::as_str).collect());
    // part de chaque locataire : dans l'ordre de première apparition, à tour de rôle
    let mut part_of: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Vec<(usize, &Lease)>> = vec![Vec::new(); parts];
    for (i, lease) in snapshot.leases.iter().enumerate().filter(|(_, l)| {
        scope
            .as_ref()
            .is_none_or(|s| s.contains(l.reference.as_str()))
    }) {
        let next = part_of.len() % parts;
        let part = *part_of.entry(lease.tenant.as_str()).or_insert(next);
        groups[part].push((i, lease));
    }
    let mut outcomes: Vec<(usize, ReportLine, Option<PlannedNotice>)> = match groups.split_first() {
        Some((first, rest)) if !rest.is_empty() => std::thread::scope(|s| {
            let handles: Vec<_> = rest
                .iter()
                .map(|group| s.spawn(|| shared.plan_leases(group)))
                .collect();
            let mut all = shared.plan_leases(first);
            for handle in handles {
                match handle.join() {
                    Ok(part) => all.extend(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        }),
        Some((first, _)) => shared.plan_leases(first),
        None => Vec::new(),
    };
    outcomes.sort_unstable_by_key(|(i, _, _)| *i);
    let mut out = NoticePlan::default();
    for (_, line, notice) in outcomes {
        out.report.push(line);
        out.notices.extend(notice);
    }
    debug_assert!(report_matches_notices(&out));
    out
}

/// Le compte rendu d'un plan dit ce que font ses avis : un avis par ligne « avis
/// produit », même montant facturé et même total à payer, ligne à ligne (donc au total).
/// Appelée sous `debug_assert!` : rien n'est calculé en version optimisée.
fn report_matches_notices(plan: &NoticePlan) -> bool {
    let generated = plan.report.iter().filter_map(|l| match l.outcome {
        Outcome::Generated { amount, total_due } => Some((amount, total_due)),
        Outcome::Skipped(_) => None,
    });
    let documents = plan
        .notices
        .iter()
        .map(|n| (n.document.amount, n.document.total_due));
    generated.eq(documents)
}

/// Ce que toutes les parties d'un plan lisent.
struct Shared<'a> {
    snapshot: &'a NoticeSnapshot,
    options: &'a NoticeOptions,
    lookup: Lookup<'a>,
    gestion_of: BTreeMap<String, Gestion>,
    notices_by_lease: HashMap<&'a str, Vec<&'a NoticeIndex>>,
}

impl Shared<'_> {
    /// Le compte rendu et l'avis éventuel de chaque location d'une partie (avec son rang).
    fn plan_leases(
        &self,
        leases: &[(usize, &Lease)],
    ) -> Vec<(usize, ReportLine, Option<PlannedNotice>)> {
        let (snapshot, options) = (self.snapshot, self.options);
        // Débits des avis déjà planifiés dans ce traitement, par (locataire, compte) : un
        // locataire à deux locations voit le premier avis dans le solde du second.
        let mut planned_debits: HashMap<String, BTreeMap<String, Money>> = HashMap::new();
        let mut out = Vec::with_capacity(leases.len());
        for &(index, lease) in leases {
            let period = billing_period(lease.frequency, options.period);
            let mut line = ReportLine {
                lease: lease.reference.clone(),
                tenant: lease.tenant.clone(),
                outcome: Outcome::Skipped(String::new()),
                items: Vec::new(),
            };
            let lease_notices = self
                .notices_by_lease
                .get(lease.reference.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            if let Some(reason) = blocking_reason(
                lease,
                period,
                options,
                snapshot,
                &self.lookup,
                lease_notices,
            ) {
                line.outcome = Outcome::Skipped(reason);
                out.push((index, line, None));
                continue;
            }
            let (lines, skipped) = period_lines(lease, period, snapshot, &self.lookup);
            line.items = skipped;
            if !lines
                .iter()
                .any(|l| l.purpose == Some(ItemPurpose::Billing))
            {
                line.outcome = Outcome::Skipped(
                    "aucune rubrique de facturation pour la période (onglet Rubriques)".into(),
                );
                out.push((index, line, None));
                continue;
            }
            let voucher = match notice_voucher(lease, &lines, snapshot, options, period) {
                Ok(v) => v,
                Err(reason) => {
                    line.outcome = Outcome::Skipped(reason);
                    out.push((index, line, None));
                    continue;
                }
            };
            let document = notice_document(
                lease,
                period,
                lines,
                snapshot,
                &self.lookup,
                options,
                &self.gestion_of,
                &mut planned_debits,
                voucher.as_ref(),
            );
            line.outcome = Outcome::Generated {
                amount: document.amount,
                total_due: document.total_due,
            };
            let notice = PlannedNotice {
                tenant: lease.tenant.clone(),
                document,
                voucher,
            };
            out.push((index, line, Some(notice)));
        }
        out
    }
}

/// Le document d'un avis : relevé depuis l'avis précédent, lignes de la période, solde,
/// différé et total à payer.
#[allow(clippy::too_many_arguments)]
fn notice_document(
    lease: &Lease,
    period: (NaiveDate, NaiveDate),
    lines: Vec<DocumentLine>,
    snapshot: &NoticeSnapshot,
    lookup: &Lookup,
    options: &NoticeOptions,
    gestion_of: &BTreeMap<String, Gestion>,
    planned_debits: &mut HashMap<String, BTreeMap<String, Money>>,
    voucher: Option<&VoucherDraft>,
) -> TenantDocument {
    let tenant = lease.tenant.as_str();
    let previous_date = snapshot.last_notices.get(tenant).copied();
    let extra = planned_debits.entry(tenant.to_string()).or_default();
    let before = current_balances(tenant, snapshot, gestion_of, extra);
    let statement: Vec<DocumentLine> = lookup
        .movements
        .get(tenant)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .filter(|m| {
            gestion_of.contains_key(&m.account) && previous_date.is_none_or(|p| m.value_date > p)
        })
        .map(|m| DocumentLine {
            section: LineSection::Statement,
            item_ref: String::new(),
            item_start: None,
            gestion: gestion_of.get(&m.account).copied(),
            item_type: String::new(),
            purpose: None,
            date: Some(m.value_date),
            label: m.label.clone(),
            debit: m.debit,
            credit: m.credit,
        })
        .collect();
    let moved: Money = statement.iter().map(DocumentLine::amount).sum();
    let before_total: Money = before.values().copied().sum();
    // Débits de cet avis sur les comptes de gestion du locataire.
    if let Some(v) = voucher {
        for e in v
            .entries
            .iter()
            .filter(|e| gestion_of.contains_key(&e.account))
        {
            *extra.entry(e.account.clone()).or_insert(Money::ZERO) += e.debit - e.credit;
        }
    }
    let after = current_balances(tenant, snapshot, gestion_of, extra);
    // Une rubrique d'échéance remplace le solde de sa gestion par l'échéance, en plus de
    // ce que l'avis facture sur cette gestion pour la période.
    let billed_on = |g: Gestion| -> Money {
        lines
            .iter()
            .filter(|l| l.gestion == Some(g) && l.purpose == Some(ItemPurpose::Billing))
            .map(DocumentLine::amount)
            .sum()
    };
    let instalments: Vec<(Gestion, Money)> = lines
        .iter()
        .filter(|l| l.purpose == Some(ItemPurpose::Instalment))
        .filter_map(|l| l.gestion.map(|g| (g, l.amount())))
        .collect();
    let mut merged: BTreeMap<Gestion, Money> = BTreeMap::new();
    for (g, a) in instalments {
        *merged.entry(g).or_insert(Money::ZERO) += a;
    }
    let instalments: Vec<(Gestion, Money)> = merged
        .into_iter()
        .map(|(g, a)| (g, a + billed_on(g).max(Money::ZERO)))
        .collect();
    let dues = deferred_and_due(&after, &instalments);
    // Un échéancier dont le compte est soldé n'a plus rien à rappeler sur l'avis.
    let owed = |g: Gestion| {
        dues.iter()
            .any(|d| d.gestion == g && d.balance > Money::ZERO)
    };
    let lines: Vec<DocumentLine> = lines
        .into_iter()
        .filter(|l| l.purpose != Some(ItemPurpose::Instalment) || l.gestion.is_some_and(owed))
        .collect();
    let amount: Money = lines
        .iter()
        .filter(|l| l.purpose == Some(ItemPurpose::Billing))
        .map(DocumentLine::amount)
        .sum();
    let mut all_lines = statement;
    all_lines.extend(lines);
    // L'avis se lit par ses lignes : le montant facturé est la somme des lignes FAC de la
    // période (le relevé n'en fait pas partie) ; le solde est le différé plus le total à
    // payer.
    debug_assert_eq!(
        amount,
        all_lines
            .iter()
            .filter(|l| l.section == LineSection::Period && l.purpose == Some(ItemPurpose::Billing))
            .map(DocumentLine::amount)
            .sum::<Money>()
    );
    debug_assert!(dues.iter().all(|d| d.balance == d.deferred + d.due));
    TenantDocument {
        number: String::new(),
        kind: DocumentKind::Notice,
        lease: lease.reference.clone(),
        voucher: None,
        value_date: options.value_date,
        period_start: Some(period.0),
        period_end: Some(period.1),
        due_date: Some(due_date(
            lease.term,
            lease.due_day_offset,
            period.0,
            period.1,
        )),
        previous_date,
        previous_balance: before_total - moved,
        balance: dues.iter().map(|d| d.balance).sum(),
        deferred: dues.iter().map(|d| d.deferred).sum(),
        total_due: dues.iter().map(|d| d.due).sum(),
        amount,
        previous_deposits: Money::ZERO,
        reference: String::new(),
        instalment: Money::ZERO,
        instalment_start: None,
        recipient: recipient(lease, snapshot),
        run_message: options.run_message.clone(),
        message: String::new(),
        notice_printed: false,
        receipt_printed: false,
        lines: all_lines,
    }
}

/// Enregistre les avis du plan (pièces par le grand livre, puis documents) ; rend leurs
/// numéros. À appeler dans la transaction de `Store::write`.
pub fn apply(repo: &Repo, plan: &NoticePlan) -> Result<Vec<String>, NoticeError> {
    let ctx = LedgerContext::load(repo)?;
    repo.before_voucher_batch(plan.notices.len())?;
    let mut numbers = Vec::with_capacity(plan.notices.len());
    // Séquence des numéros tenue ici : une lecture par année, pas une par avis.
    let mut next: HashMap<i32, u32> = HashMap::new();
    for planned in &plan.notices {
        let mut document = planned.document.clone();
        if let Some(draft) = &planned.voucher {
            document.voucher = Some(ledger::post(repo, &ctx, draft)?);
        }
        let year = document.value_date.year();
        let seq = match next.get(&year) {
            Some(seq) => *seq,
            None => repo
                .next_document_number(DocumentKind::Notice, year)?
                .get(5..)
                .and_then(|s| s.parse().ok())
                .unwrap_or(1),
        };
        let number = format!("{}{year}{seq:06}", DocumentKind::Notice.letter());
        repo.insert_document_numbered(&document, &number)?;
        next.insert(year, seq + 1);
        numbers.push(number);
    }
    Ok(numbers)
}

/// Résultat d'une exécution : le plan (compte rendu) et les avis créés.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRun {
    pub plan: NoticePlan,
    pub created: Vec<String>,
}

/// Génère les avis ; avec `check_only` (« vérification uniquement »), n'écrit rien et
/// rend le compte rendu. Tout ou rien : une erreur annule tous les avis du traitement.
pub fn run(
    store: &mut Store,
    session: &Session,
    options: &NoticeOptions,
    check_only: bool,
) -> Result<NoticeRun, NoticeError> {
    if check_only {
        let repo = store.read(session);
        let snapshot = NoticeSnapshot::load(&repo, options)?;
        return Ok(NoticeRun {
            plan: plan(&snapshot, options),
            created: Vec::new(),
        });
    }
    let action = format!(
        "génération des avis {} (valeur {})",
        options.period.format("%m/%Y"),
        format_date(options.value_date)
    );
    store.write(session, &action, |repo| {
        // Le plan est refait dans la transaction : ce qui s'écrit est exactement ce qui
        // a été vérifié sur l'état de la base à cet instant.
        let snapshot = NoticeSnapshot::load(repo, options)?;
        let plan = plan(&snapshot, options);
        let mut created = apply(repo, &plan)?;
        // S14 : le document de solde de tout compte, dès que le solde est établi.
        created.extend(super::settlement_document::create_pending(
            repo,
            options.leases.as_deref(),
        )?);
        Ok(NoticeRun { plan, created })
    })
}

/// Supprime un document et sa pièce. Un avis ne se supprime que s'il est le dernier de
/// sa location ; un appel de dépôt, une facture ou un avoir, tant qu'aucun avis n'a été
/// généré après lui.
pub fn delete_document(repo: &Repo, number: &str) -> Result<(), NoticeError> {
    let doc = repo
        .document(number)?
        .ok_or_else(|| NoticeError::UnknownDocument(number.to_string()))?;
    let notices: Vec<NoticeIndex> = repo
        .notice_index()?
        .into_iter()
        .filter(|n| n.lease == doc.lease)
        .collect();
    match doc.kind {
        DocumentKind::Notice => {
            if let Some(latest) = notices
                .iter()
                .max_by_key(|n| n.period_start)
                .filter(|n| n.number != doc.number)
            {
                return Err(NoticeError::NotLatest {
                    number: doc.number,
                    lease: doc.lease,
                    latest: latest.number.clone(),
                });
            }
        }
        _ => {
            // Les numéros suivent l'ordre de création dans l'année ; on compare aussi
            // l'année de la lettre ôtée.
            if let Some(after) = notices.iter().find(|n| n.number[1..] > doc.number[1..]) {
                return Err(NoticeError::NoticeAfter {
                    number: doc.number,
                    notice: after.number.clone(),
                });
            }
        }
    }
    repo.delete_document(&doc.number)?;
    if let Some(voucher) = &doc.voucher {
        ledger::locks::delete_document_voucher(repo, voucher)?;
    }
    Ok(())
}

/// Compte rendu lisible, une location par ligne.
pub fn report_text(plan: &NoticePlan) -> String {
    let mut out = String::new();
    let generated = plan
        .report
        .iter()
        .filter(|l| matches!(l.outcome, Outcome::Generated { .. }))
        .count();
    for line in &plan.report {
        match &line.outcome {
            Outcome::Generated { amount, total_due } => out.push_str(&format!(
                "{}\t{}\tavis de {} ; total à payer {}\n",
                line.lease,
                line.tenant,
                format_money(*amount),
                format_money(*total_due)
            )),
            Outcome::Skipped(reason) => out.push_str(&format!(
                "{}\t{}\tpas d'avis : {reason}\n",
                line.lease, line.tenant
            )),
        }
        for item in &line.items {
            out.push_str(&format!("\t\t{item}\n"));
        }
    }
    out.push_str(&format!(
        "{generated} avis sur {} location(s)\n",
        plan.report.len()
    ));
    out
}

/// Compte rendu en CSV (`;`, UTF-8 avec BOM).
pub fn report_csv(plan: &NoticePlan) -> String {
    let mut out =
        String::from("\u{feff}location;locataire;resultat;montant;total_a_payer;detail\r\n");
    let clean = |s: &str| s.replace([';', '\n', '\r'], " ");
    for line in &plan.report {
        let detail = clean(&line.items.join(" | "));
        match &line.outcome {
            Outcome::Generated { amount, total_due } => out.push_str(&format!(
                "{};{};avis;{};{};{detail}\r\n",
                line.lease,
                line.tenant,
                crate::model::money::format_money_plain(*amount),
                crate::model::money::format_money_plain(*total_due)
            )),
            Outcome::Skipped(reason) => out.push_str(&format!(
                "{};{};ignoree;;;{}\r\n",
                line.lease,
                line.tenant,
                clean(&format!("{reason} {detail}"))
            )),
        }
    }
    out
}
