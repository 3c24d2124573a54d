//! Révision des loyers (S12 ; manuel : « La révision des loyers »). Pour une date de
//! révision et une portée (des lots, ou tous), révise le loyer de référence des lots et
//! les rubriques de loyer (LO, et CH cochées « à augmenter ») de leurs locations :
//!
//! - IRL (loi 1989 art. 17-1) : montant × IRL(trimestre de révision) / IRL(même
//!   trimestre de l'année de référence) ; ICC (méthode du manuel) : rapport des deux
//!   moyennes sur 4 trimestres. Arrondi une fois au centime.
//! - Conditions du manuel : révision automatique cochée, indice de référence connu,
//!   aucun avis pour la période de révision ou après, location commencée avant la date,
//!   ni verrouillée ni terminée ; une révision par an.
//! - Ce que la loi ajoute : logement classé F ou G (DPE) → loyer gelé (loi Climat et
//!   résilience, depuis le 24/08/2022) ; révision demandée plus d'un an après sa date
//!   → les années non demandées sont perdues et le nouveau loyer ne s'applique qu'à
//!   partir de la demande, sans rappel (art. 17-1 modifié par la loi ALUR).
//!
//! La nouvelle référence (trimestre, valeur) est enregistrée : la révision suivante part
//! d'elle, et relancer à la même date ne révise rien de plus. Un indice manquant arrête
//! tout, sauf si l'utilisateur demande le dernier indice connu. Plan (pur) → application
//! (une transaction). La révision ne s'annule pas.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::model::dates::format_date;
use crate::model::money::{format_money_plain, round_cents};
use crate::model::revision::rent_frozen;
use crate::model::{
    IndexSeries, Lease, LeaseItem, Money, Quarter, RentIndex, RevisionOwner, RevisionTerms, Unit,
};
use crate::store::{NoticeIndex, Repo, Session, Store, StoreError};
use crate::treatments::indices::{four_quarter_average, series_values};

/// Gel des loyers des logements classés F ou G (loi Climat et résilience).
fn freeze_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 8, 24).unwrap_or(NaiveDate::MIN)
}

/// Ce que l'utilisateur demande.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRequest {
    /// Date de révision (date de la demande).
    pub date: NaiveDate,
    /// Lots de la portée ; vide = tous.
    pub units: Vec<String>,
    /// Employer le dernier indice présent quand celui du trimestre manque.
    pub last_known: bool,
}

/// Un traitement arrêté avant toute écriture.
#[derive(Debug, thiserror::Error)]
pub enum RevisionError {
    #[error(
        "indice {series} du {quarter_text} ({quarter}) absent du catalogue des indices : saisissez-le (catalogue des indices ou « abri import indices »), ou relancez avec --dernier-indice-connu pour employer le dernier indice présent ; rien n'a été révisé"
    )]
    MissingIndex {
        series: &'static str,
        quarter: Quarter,
        quarter_text: String,
    },
    #[error("lot « {0} » inconnu : rien n'a été révisé")]
    UnknownUnit(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl RevisionError {
    fn missing(series: IndexSeries, quarter: Quarter) -> RevisionError {
        let ordinal = if quarter.quarter == 1 { "er" } else { "e" };
        RevisionError::MissingIndex {
            series: series.code(),
            quarter,
            quarter_text: format!("{}{ordinal} trimestre {}", quarter.quarter, quarter.year),
        }
    }
}

/// Les deux indices d'une révision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexPair {
    pub series: IndexSeries,
    pub from: Quarter,
    pub from_value: Money,
    pub to: Quarter,
    pub to_value: Money,
    /// Trimestres lus au catalogue : ils ne changeront plus.
    pub used: Vec<Quarter>,
}

/// Un montant révisé : le loyer de référence du lot, ou une rubrique de location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountChange {
    /// Rubrique (vide pour le loyer de référence du lot).
    pub item: String,
    pub old: Money,
    pub new: Money,
}

/// Ce que la révision fait d'un lot ou d'une location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Revised {
        pair: IndexPair,
        changes: Vec<AmountChange>,
    },
    Skipped(String),
}

/// Une ligne du compte rendu : un lot ou une location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionLine {
    pub owner: RevisionOwner,
    pub unit: String,
    pub outcome: Outcome,
    /// Remarques : retard de plus d'un an, dernier indice connu employé.
    pub notes: Vec<String>,
}

/// Le plan : une ligne par lot (qui a des conditions de révision) et par location de
/// la portée, et ce qu'il faut écrire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevisionPlan {
    pub lines: Vec<RevisionLine>,
    units: Vec<Unit>,
    items: Vec<LeaseItem>,
    terms: Vec<RevisionTerms>,
}

impl RevisionPlan {
    /// Nombre de lots et de locations révisés.
    pub fn revised(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| matches!(l.outcome, Outcome::Revised { .. }))
            .count()
    }

    /// La ligne d'un lot ou d'une location.
    pub fn line(&self, owner: &RevisionOwner) -> Option<&RevisionLine> {
        self.lines.iter().find(|l| &l.owner == owner)
    }
}

/// Ce que lit la révision.
#[derive(Debug, Clone, Default)]
pub struct RevisionSnapshot {
    pub units: Vec<Unit>,
    pub leases: Vec<Lease>,
    pub items: Vec<LeaseItem>,
    pub terms: Vec<RevisionTerms>,
    pub indices: Vec<RentIndex>,
    /// Avis dont la période finit à la date de révision ou après.
    pub notices: Vec<NoticeIndex>,
}

pub fn load(repo: &Repo, date: NaiveDate) -> Result<RevisionSnapshot, StoreError> {
    Ok(RevisionSnapshot {
        units: repo.units()?,
        leases: repo.leases()?,
        items: repo.lease_items()?,
        terms: repo.revision_terms()?,
        indices: repo.indices()?,
        notices: repo.notices_ending_from(Some(date))?,
    })
}

/// Révise (ou simule : rien n'est écrit) ; rend le compte rendu.
pub fn run(
    store: &mut Store,
    session: &Session,
    request: &RevisionRequest,
    simulation: bool,
) -> Result<RevisionPlan, RevisionError> {
    if simulation {
        let repo = store.read(session);
        return plan(&load(&repo, request.date)?, request);
    }
    store.write(session, "révision des loyers", |repo| {
        let plan = plan(&load(repo, request.date)?, request)?;
        apply(repo, &plan)?;
        Ok(plan)
    })
}

/// Écrit un plan : montants, nouvelles références, trimestres employés.
pub fn apply(repo: &Repo, plan: &RevisionPlan) -> Result<(), StoreError> {
    for unit in &plan.units {
        repo.update_unit(&unit.reference, unit)?;
    }
    for item in &plan.items {
        repo.update_lease_item(&item.item, item.start_date, item)?;
    }
    for terms in &plan.terms {
        repo.set_revision_terms(terms)?;
    }
    let mut used: BTreeMap<IndexSeries, Vec<Quarter>> = BTreeMap::new();
    for line in &plan.lines {
        if let Outcome::Revised { pair, .. } = &line.outcome {
            used.entry(pair.series)
                .or_default()
                .extend(pair.used.iter().copied());
        }
    }
    for (series, quarters) in used {
        repo.mark_indices_used(series.code(), &quarters)?;
    }
    Ok(())
}

/// Le catalogue par série.
struct Catalogue {
    values: HashMap<IndexSeries, HashMap<Quarter, Money>>,
    last_known: bool,
}

impl Catalogue {
    fn new(indices: &[RentIndex], last_known: bool) -> Catalogue {
        let values = IndexSeries::ALL
            .into_iter()
            .map(|s| (s, series_values(indices, s)))
            .collect();
        Catalogue { values, last_known }
    }

    /// Valeur d'un trimestre : l'IRL lui-même, la moyenne sur 4 trimestres pour l'ICC ;
    /// `Err` nomme le trimestre absent.
    fn value(&self, series: IndexSeries, quarter: Quarter) -> Result<Money, Quarter> {
        let Some(values) = self.values.get(&series) else {
            return Err(quarter);
        };
        match series {
            IndexSeries::Irl => values.get(&quarter).copied().ok_or(quarter),
            IndexSeries::Icc4 => four_quarter_average(values, quarter),
        }
    }

    /// Valeur du trimestre de révision, ou (sur demande) du dernier trimestre présent
    /// avant lui, avec une remarque qui dit lequel.
    fn revision_value(
        &self,
        series: IndexSeries,
        target: Quarter,
    ) -> Result<(Quarter, Money, Option<String>), RevisionError> {
        let missing = match self.value(series, target) {
            Ok(value) => return Ok((target, value, None)),
            Err(missing) => missing,
        };
        if !self.last_known {
            return Err(RevisionError::missing(series, missing));
        }
        let mut quarter = target;
        // dix ans en arrière au plus : au-delà, le catalogue est vide pour cette série
        for _ in 0..40 {
            quarter = quarter.previous();
            if let Ok(value) = self.value(series, quarter) {
                let note = format!(
                    "indice {} {target} absent : dernier indice connu employé, {quarter} = {}",
                    series.code(),
                    format_money_plain(value)
                );
                return Ok((quarter, value, Some(note)));
            }
        }
        Err(RevisionError::missing(series, missing))
    }
}

/// Les trimestres que lit une valeur : le trimestre, ou ses 4 trimestres pour l'ICC.
fn quarters_read(series: IndexSeries, quarter: Quarter) -> Vec<Quarter> {
    match series {
        IndexSeries::Irl => vec![quarter],
        IndexSeries::Icc4 => quarter.last_four().to_vec(),
    }
}

/// Années entières écoulées de `from` à `to`.
fn full_years(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years.max(0)
}

/// Les deux indices d'une révision à `date` pour des conditions dont le point de départ
/// (signature ou début de gestion) est `start` ; `Ok(Err(raison))` si elle n'a pas lieu.
fn index_pair(
    terms: &RevisionTerms,
    start: NaiveDate,
    date: NaiveDate,
    catalogue: &Catalogue,
    notes: &mut Vec<String>,
) -> Result<Result<IndexPair, String>, RevisionError> {
    let Some(reference) = terms.reference.filter(|_| !terms.reference_value.is_zero()) else {
        return Ok(Err("indice de référence inconnu".to_string()));
    };
    let Some(due) = terms.next_revision(start) else {
        return Ok(Err("date de révision hors calendrier".to_string()));
    };
    if date < due {
        return Ok(Err(format!(
            "prochaine révision le {} (une révision par an)",
            format_date(due)
        )));
    }
    let series = terms.series;
    // Demandée plus d'un an après sa date : les années non demandées sont perdues.
    let lost = full_years(due, date);
    let target = reference.plus_years(1 + lost);
    let (from, from_value) = if lost == 0 {
        (reference, terms.reference_value)
    } else {
        let from = target.plus_years(-1);
        let value = catalogue
            .value(series, from)
            .map_err(|q| RevisionError::missing(series, q))?;
        notes.push(format!(
            "révision demandée plus d'un an après sa date ({}) : {lost} année(s) non demandée(s) perdue(s), nouveau loyer à partir du {} seulement, sans rappel",
            format_date(due),
            format_date(date)
        ));
        (from, value)
    };
    let (to, to_value, note) = catalogue.revision_value(series, target)?;
    if to <= from {
        return Ok(Err(format!(
            "aucun indice {} postérieur à {from} au catalogue",
            series.code()
        )));
    }
    notes.extend(note);
    let mut used = quarters_read(series, from);
    used.extend(quarters_read(series, to));
    Ok(Ok(IndexPair {
        series,
        from,
        from_value,
        to,
        to_value,
        used,
    }))
}

/// Montant révisé, arrondi une fois au centime.
pub fn revised_amount(amount: Money, pair: &IndexPair) -> Money {
    round_cents(amount * pair.to_value / pair.from_value)
}

/// Les fiches du cliché rangées pour la révision : un passage par liste, puis des
/// recherches directes (des milliers de lots et de locations).
struct Lookup<'a> {
    terms: HashMap<&'a RevisionOwner, &'a RevisionTerms>,
    leases: HashMap<&'a str, Vec<&'a Lease>>,
    items: HashMap<&'a str, Vec<&'a LeaseItem>>,
    /// Premier avis de chaque location qui finit à la date ou après.
    notices: HashMap<&'a str, &'a NoticeIndex>,
}

impl<'a> Lookup<'a> {
    fn new(snapshot: &'a RevisionSnapshot) -> Lookup<'a> {
        let mut lookup = Lookup {
            terms: snapshot.terms.iter().map(|t| (&t.owner, t)).collect(),
            leases: HashMap::new(),
            items: HashMap::new(),
            notices: HashMap::new(),
        };
        for lease in &snapshot.leases {
            lookup.leases.entry(&lease.unit).or_default().push(lease);
        }
        for item in &snapshot.items {
            lookup.items.entry(&item.lease).or_default().push(item);
        }
        for notice in &snapshot.notices {
            lookup.notices.entry(&notice.lease).or_insert(notice);
        }
        lookup
    }

    fn terms(&self, owner: RevisionOwner) -> Option<&'a RevisionTerms> {
        self.terms.get(&owner).copied()
    }
}

/// Établit le plan (rien n'est écrit).
pub fn plan(
    snapshot: &RevisionSnapshot,
    request: &RevisionRequest,
) -> Result<RevisionPlan, RevisionError> {
    let units = units_in_scope(snapshot, &request.units)?;
    let catalogue = Catalogue::new(&snapshot.indices, request.last_known);
    let lookup = Lookup::new(snapshot);
    let mut out = RevisionPlan::default();
    for unit in units {
        let unit_terms = lookup.terms(RevisionOwner::Unit(unit.reference.clone()));
        let dpe = unit_terms.map_or("", |t| t.dpe_class.as_str());
        if let Some(t) = unit_terms {
            plan_unit(unit, t, request.date, &catalogue, &mut out)?;
        }
        let leases = lookup.leases.get(unit.reference.as_str());
        for lease in leases.into_iter().flatten() {
            let ctx = LeaseContext {
                lease,
                terms: lookup.terms(RevisionOwner::Lease(lease.reference.clone())),
                dpe,
                date: request.date,
            };
            plan_lease(&ctx, &lookup, &catalogue, &mut out)?;
        }
    }
    Ok(out)
}

/// Les lots demandés (tous si aucun), par référence.
fn units_in_scope<'a>(
    snapshot: &'a RevisionSnapshot,
    wanted: &[String],
) -> Result<Vec<&'a Unit>, RevisionError> {
    if wanted.is_empty() {
        return Ok(snapshot.units.iter().collect());
    }
    wanted
        .iter()
        .map(|reference| {
            snapshot
                .units
                .iter()
                .find(|u| u.reference == reference.trim())
                .ok_or_else(|| RevisionError::UnknownUnit(reference.trim().to_string()))
        })
        .collect()
}

/// Loyer gelé d'un logement classé F ou G, à partir du 24/08/2022.
fn frozen_reason(dpe: &str, date: NaiveDate) -> Option<String> {
    (rent_frozen(dpe) && date >= freeze_start())
        .then(|| format!("logement classé {dpe} : loyer gelé"))
}

/// Le lot : son loyer de référence.
fn plan_unit(
    unit: &Unit,
    terms: &RevisionTerms,
    date: NaiveDate,
    catalogue: &Catalogue,
    out: &mut RevisionPlan,
) -> Result<(), RevisionError> {
    let mut notes = Vec::new();
    let skip = if !terms.auto {
        Some("révision automatique non cochée".to_string())
    } else if unit.reference_rent.is_zero() {
        Some("aucun loyer de référence".to_string())
    } else {
        frozen_reason(&terms.dpe_class, date)
    };
    let pair = match skip {
        Some(reason) => Err(reason),
        None => index_pair(terms, unit.start_date, date, catalogue, &mut notes)?,
    };
    let outcome = match pair {
        Err(reason) => Outcome::Skipped(reason),
        Ok(pair) => {
            let new = revised_amount(unit.reference_rent, &pair);
            out.units.push(Unit {
                reference_rent: new,
                ..unit.clone()
            });
            out.terms.push(new_terms(terms, &pair, date));
            Outcome::Revised {
                changes: vec![AmountChange {
                    item: String::new(),
                    old: unit.reference_rent,
                    new,
                }],
                pair,
            }
        }
    };
    out.lines.push(RevisionLine {
        owner: terms.owner.clone(),
        unit: unit.reference.clone(),
        outcome,
        notes,
    });
    Ok(())
}

/// La nouvelle référence : le trimestre et la valeur de révision, la date.
fn new_terms(terms: &RevisionTerms, pair: &IndexPair, date: NaiveDate) -> RevisionTerms {
    RevisionTerms {
        reference: Some(pair.to),
        reference_value: pair.to_value,
        last_revision: Some(date),
        ..terms.clone()
    }
}

/// Une location et ce qui décide de sa révision.
struct LeaseContext<'a> {
    lease: &'a Lease,
    terms: Option<&'a RevisionTerms>,
    /// Classe DPE de son lot.
    dpe: &'a str,
    date: NaiveDate,
}

/// Pourquoi une location n'est pas révisée (avant les indices), ou ses conditions.
fn lease_skip<'a>(
    ctx: &LeaseContext<'a>,
    notice: Option<&NoticeIndex>,
) -> Result<&'a RevisionTerms, String> {
    let lease = ctx.lease;
    let Some(terms) = ctx.terms else {
        return Err("indice de référence inconnu (aucune condition de révision)".to_string());
    };
    if !terms.auto {
        return Err("révision automatique non cochée".to_string());
    }
    if lease.locked {
        return Err("location verrouillée".to_string());
    }
    if let Some(out) = lease.move_out_date {
        return Err(format!(
            "location terminée (sortie le {})",
            format_date(out)
        ));
    }
    if lease.start_date >= ctx.date {
        return Err(format!(
            "location commencée le {}, pas avant la date de révision",
            format_date(lease.start_date)
        ));
    }
    if let Some(last) = terms.last_revision.filter(|d| *d >= ctx.date) {
        return Err(format!("déjà révisée le {}", format_date(last)));
    }
    if let Some(n) = notice {
        return Err(format!(
            "avis {} déjà généré pour la période du {} au {}",
            n.number,
            format_date(n.period_start),
            format_date(n.period_end)
        ));
    }
    if let Some(reason) = frozen_reason(ctx.dpe, ctx.date) {
        return Err(reason);
    }
    Ok(terms)
}

/// Rubriques révisées d'une location : loyer (LO), et provisions (CH) cochées « à
/// augmenter », actives et en cours à la date.
fn revisable(item: &LeaseItem, date: NaiveDate) -> bool {
    item.active
        && (item.item_type == "LO" || (item.item_type == "CH" && item.to_increase))
        && item.start_date <= date
        && item.end_date.is_none_or(|end| end >= date)
}

/// Une location : ses rubriques de loyer.
fn plan_lease(
    ctx: &LeaseContext,
    lookup: &Lookup,
    catalogue: &Catalogue,
    out: &mut RevisionPlan,
) -> Result<(), RevisionError> {
    let lease = ctx.lease;
    let mut notes = Vec::new();
    let notice = lookup.notices.get(lease.reference.as_str()).copied();
    let pair = match lease_skip(ctx, notice) {
        Err(reason) => Err(reason),
        Ok(terms) => index_pair(terms, lease.start_date, ctx.date, catalogue, &mut notes)?
            .map(|pair| (terms, pair)),
    };
    let items: Vec<&LeaseItem> = lookup
        .items
        .get(lease.reference.as_str())
        .into_iter()
        .flatten()
        .copied()
        .filter(|i| revisable(i, ctx.date))
        .collect();
    let outcome = match pair {
        Err(reason) => Outcome::Skipped(reason),
        Ok(_) if items.is_empty() => Outcome::Skipped("aucune rubrique de loyer en cours".into()),
        Ok((terms, pair)) => {
            let changes = items
                .iter()
                .map(|item| revise_item(item, &pair, ctx.date, out))
                .collect();
            out.terms.push(new_terms(terms, &pair, ctx.date));
            Outcome::Revised { pair, changes }
        }
    };
    out.lines.push(RevisionLine {
        owner: RevisionOwner::Lease(lease.reference.clone()),
        unit: lease.unit.clone(),
        outcome,
        notes,
    });
    Ok(())
}

/// Révise une rubrique : nouveau montant révisé, applicable à partir de la date.
fn revise_item(
    item: &LeaseItem,
    pair: &IndexPair,
    date: NaiveDate,
    out: &mut RevisionPlan,
) -> AmountChange {
    let old = item.amount_at(date);
    let new = revised_amount(old, pair);
    out.items.push(LeaseItem {
        revised_amount: new,
        revision_date: Some(date),
        ..item.clone()
    });
    AmountChange {
        item: item.item.clone(),
        old,
        new,
    }
}

/// Colonnes du compte rendu.
pub const REPORT_COLUMNS: [&str; 9] = [
    "lot",
    "location",
    "rubrique",
    "ancien montant",
    "indice de référence",
    "indice de révision",
    "nouveau montant",
    "à partir du",
    "observation",
];

/// Le compte rendu, une ligne par montant révisé ou par lot/location écarté(e).
pub fn report_rows(plan: &RevisionPlan, date: NaiveDate) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in &plan.lines {
        let lease = match &line.owner {
            RevisionOwner::Lease(l) => l.clone(),
            RevisionOwner::Unit(_) => String::new(),
        };
        let notes = line.notes.join(" ; ");
        match &line.outcome {
            Outcome::Skipped(reason) => rows.push(vec![
                line.unit.clone(),
                lease.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("non révisé : {reason}"),
            ]),
            Outcome::Revised { pair, changes } => {
                for change in changes {
                    rows.push(vec![
                        line.unit.clone(),
                        lease.clone(),
                        if change.item.is_empty() {
                            "loyer de référence du lot".to_string()
                        } else {
                            change.item.clone()
                        },
                        format_money_plain(change.old),
                        format!(
                            "{} {} = {}",
                            pair.series.code(),
                            pair.from,
                            format_money_plain(pair.from_value)
                        ),
                        format!(
                            "{} {} = {}",
                            pair.series.code(),
                            pair.to,
                            format_money_plain(pair.to_value)
                        ),
                        format_money_plain(change.new),
                        format_date(date),
                        notes.clone(),
                    ]);
                }
            }
        }
    }
    rows
}

/// Le compte rendu en CSV (`;`, UTF-8 avec BOM, virgule décimale).
pub fn report_csv(plan: &RevisionPlan, date: NaiveDate) -> String {
    let clean = |s: &str| s.replace([';', '\r', '\n'], " ");
    let mut out = format!("\u{feff}{}\r\n", REPORT_COLUMNS.join(";"));
    for row in report_rows(plan, date) {
        let cells: Vec<String> = row.iter().map(|c| clean(c)).collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Ce que la prochaine révision d'une location donnerait (fiche de la location).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Date de la prochaine révision.
    pub due: Option<NaiveDate>,
    /// Les indices et le loyer attendu, ou pourquoi on ne peut pas le dire.
    pub expected: Result<(IndexPair, Money), String>,
}

/// Prochaine révision des conditions `terms` (point de départ `start`) et loyer attendu
/// pour `amount`, d'après le catalogue des indices (sans le dernier indice connu : un
/// indice absent est dit tel).
pub fn preview(
    terms: &RevisionTerms,
    start: NaiveDate,
    indices: &[RentIndex],
    amount: Money,
) -> Preview {
    let due = terms.next_revision(start);
    let catalogue = Catalogue::new(indices, false);
    let expected = match due {
        None => Err("date de révision hors calendrier".to_string()),
        Some(due) => match index_pair(terms, start, due, &catalogue, &mut Vec::new()) {
            Ok(Ok(pair)) => {
                let new = revised_amount(amount, &pair);
                Ok((pair, new))
            }
            Ok(Err(reason)) => Err(reason),
            Err(RevisionError::MissingIndex {
                series, quarter, ..
            }) => Err(format!("indice {series} {quarter} pas encore au catalogue")),
            Err(error) => Err(error.to_string()),
        },
    };
    Preview { due, expected }
}
