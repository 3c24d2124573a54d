//! « V » et « – » sur la fiche d'une location : lecture et validation de la fiche et de
//! ce qui change dans ses périodes et ses rubriques, écriture du tout en une transaction,
//! suppression.

use chrono::NaiveDate;

use super::{Leases, BILLING, OTHER, PERIODS};
use crate::gui::screen::records::Rejected;
use crate::gui::screen::{Ctx, Event};
use crate::gui::text as wording;
use crate::gui::widget::form::{Detail, Form};
use crate::model::{
    ContractType, Frequency, Gestion, Invalid, ItemPurpose, Lease, LeaseExit, LeaseItem,
    LeasePeriod, PaymentInfo, PaymentMode, Term,
};
use crate::store::StoreError;

/// Ce qu'une ligne de détail demande : l'ajout d'une nouvelle ligne, la modification
/// d'une ligne enregistrée (avec ce qui l'identifie en base : rubrique du catalogue et
/// début), ou sa suppression.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<T> {
    Add(T),
    Edit {
        item: String,
        start: NaiveDate,
        record: T,
    },
    Remove {
        item: String,
        start: NaiveDate,
    },
}

/// Ce que le formulaire contient une fois lu : la location, et ce qui change dans ses
/// périodes et ses rubriques (avec leur tableau et leur ligne).
pub struct Draft {
    pub lease: Lease,
    /// Remise des clés et état des lieux de sortie (S14).
    pub exit: LeaseExit,
    pub periods: Vec<(usize, Change<LeasePeriod>)>,
    pub items: Vec<(usize, usize, Change<LeaseItem>)>,
}

/// Lit une période (nouvelle ou modifiée).
fn read_period(d: &Detail, row: usize, reference: &str) -> Result<LeasePeriod, Vec<Invalid>> {
    let mut pr = d.reader(row);
    let start = pr.date("debut");
    let months = pr.number::<u32>("duree_mois");
    let end = pr.opt_date("fin");
    let notice = pr.opt_date("preavis");
    let period = match (start, months) {
        (Some(start), Some(months)) => {
            match LeasePeriod::new(reference, start, months, end, notice) {
                Ok(p) => Some(p),
                Err(e) => {
                    pr.fail(e.field, e.message);
                    None
                }
            }
        }
        _ => None,
    };
    let validation = period.as_ref().map_or(Ok(()), LeasePeriod::validate);
    match (pr.finish(validation), period) {
        (Ok(()), Some(p)) => Ok(p),
        (Err(errors), _) => Err(errors),
        (Ok(()), None) => Err(vec![Invalid::new("debut", wording::REQUIRED)]),
    }
}

/// Lit une rubrique (nouvelle ou modifiée).
fn read_item(
    d: &Detail,
    detail: usize,
    row: usize,
    lease: &Lease,
    today: NaiveDate,
) -> Result<LeaseItem, Vec<Invalid>> {
    let mut ir = d.reader(row);
    let gestion = ir.code("gestion", Gestion::parse);
    let purpose = if detail == BILLING {
        Some(ItemPurpose::Billing)
    } else {
        ir.code("objet", ItemPurpose::parse)
    };
    let start = if ir.text("debut").is_empty() {
        Some(lease.start_date)
    } else {
        ir.date("debut")
    };
    let months = ir.opt_number::<u32>("duree_mois");
    let end = ir.opt_date("fin");
    let initial = ir.money("montant_initial");
    let revised = ir.opt_money("montant_revise");
    let ceiling = ir.money_or_zero("plafond");
    let revision = ir.opt_date("date_revision");
    let item = LeaseItem {
        lease: lease.reference.clone(),
        item: ir.text("rubrique"),
        gestion: gestion.unwrap_or(Gestion::Rent),
        item_type: ir.text("type").to_uppercase(),
        purpose: purpose.unwrap_or(ItemPurpose::Billing),
        active: ir.flag("active"),
        start_date: start.unwrap_or(today),
        months,
        end_date: end,
        free_reference: ir.text("reference"),
        initial_amount: initial.unwrap_or_default(),
        revised_amount: revised.or(initial).unwrap_or_default(),
        prorata: ir.flag("prorata"),
        ceiling,
        to_increase: ir.flag("a_augmenter"),
        revision_date: revision,
    }
    .with_defaults();
    ir.finish(item.validate()).map(|()| item)
}

/// Ce qui identifie une ligne enregistrée : sa rubrique du catalogue (vide pour une
/// période) et son début, tels qu'en base.
fn original_key(d: &Detail, row: usize) -> Result<(String, NaiveDate), Vec<Invalid>> {
    let mut r = d.original_reader(row);
    let item = r.text("rubrique");
    let start = r.date("debut");
    match start {
        Some(start) => Ok((item, start)),
        None => Err(r.errors().to_vec()),
    }
}

/// Lit la fiche et ce qui change dans ses lignes de détail, et les valide (règles du
/// modèle).
pub fn build(form: &Form, today: NaiveDate) -> Result<Draft, Rejected> {
    let mut rejected = Rejected::default();
    let mut r = form.reader();
    let contract = r.code("type_contrat", ContractType::parse);
    let frequency = r.code("periodicite", Frequency::parse);
    let term = r.code("terme", Term::parse);
    let due_day = r.number::<u8>("jour_echeance");
    let mode = r.code("mode_reglement", PaymentMode::parse);
    let start = r.date("debut");
    let move_out = r.opt_date("sortie");
    let reason = r.opt_code("motif_sortie", crate::model::MoveOutReason::parse);
    let keys_returned = r.opt_date("remise_cles");
    let inventory = r.opt_code("etat_des_lieux", crate::model::ExitInventory::parse);
    let mandate_date = r.opt_date("date_mandat");
    let debit_day = r.opt_number::<u8>("jour_prelevement");
    let fixed = r.money_or_zero("montant_fixe");
    let alt = r.money_or_zero("montant_alternatif");
    let lease = Lease {
        reference: r.text("reference"),
        unit: r.text("lot"),
        tenant: r.text("locataire"),
        contract_type: contract.unwrap_or(ContractType::Temporary),
        frequency: frequency.unwrap_or(Frequency::Monthly),
        term: term.unwrap_or(Term::Advance),
        due_day_offset: due_day.unwrap_or(0),
        payment_mode: mode.unwrap_or(PaymentMode::Transfer),
        start_date: start.unwrap_or(today),
        move_out_date: move_out,
        move_out_reason: reason,
        locked: r.flag("verrouillee"),
        durable: r.flag("durable"),
        auto_settlement: r.flag("regularisation_auto"),
        third_party_payer: r.opt_text("tiers_payeur"),
        payment: PaymentInfo {
            direct_debit: r.flag("prelevement"),
            account_holder: r.text("titulaire_compte"),
            bank: r.opt_text("banque"),
            iban: r.text("iban"),
            mandate_ref: r.text("rum"),
            mandate_date,
            fixed_amount: fixed,
            alt_amount: alt,
            debit_day,
        },
        notes: r.text("notes"),
    };
    if let Err(errors) = r.finish(lease.validate()) {
        rejected.fields = errors;
    }
    let mut draft = Draft {
        exit: LeaseExit {
            lease: lease.reference.clone(),
            keys_returned,
            inventory,
        },
        lease,
        periods: Vec::new(),
        items: Vec::new(),
    };
    let reference = draft.lease.reference.clone();
    if let Some(d) = form.details.get(PERIODS) {
        for row in d.removed_rows() {
            match original_key(d, row) {
                Ok((item, start)) => draft.periods.push((row, Change::Remove { item, start })),
                Err(errors) => rejected.rows.push((PERIODS, row, errors)),
            }
        }
        for row in d.changed_rows() {
            match (original_key(d, row), read_period(d, row, &reference)) {
                (Ok((item, start)), Ok(record)) => draft.periods.push((
                    row,
                    Change::Edit {
                        item,
                        start,
                        record,
                    },
                )),
                (Err(errors), _) | (_, Err(errors)) => rejected.rows.push((PERIODS, row, errors)),
            }
        }
        for row in d.new_rows() {
            match read_period(d, row, &reference) {
                Ok(p) => draft.periods.push((row, Change::Add(p))),
                Err(errors) => rejected.rows.push((PERIODS, row, errors)),
            }
        }
    }
    for detail in [BILLING, OTHER] {
        let Some(d) = form.details.get(detail) else {
            continue;
        };
        for row in d.removed_rows() {
            match original_key(d, row) {
                Ok((item, start)) => {
                    draft
                        .items
                        .push((detail, row, Change::Remove { item, start }))
                }
                Err(errors) => rejected.rows.push((detail, row, errors)),
            }
        }
        for row in d.changed_rows() {
            match (
                original_key(d, row),
                read_item(d, detail, row, &draft.lease, today),
            ) {
                (Ok((item, start)), Ok(record)) => draft.items.push((
                    detail,
                    row,
                    Change::Edit {
                        item,
                        start,
                        record,
                    },
                )),
                (Err(errors), _) | (_, Err(errors)) => rejected.rows.push((detail, row, errors)),
            }
        }
        for row in d.new_rows() {
            match read_item(d, detail, row, &draft.lease, today) {
                Ok(item) => draft.items.push((detail, row, Change::Add(item))),
                Err(errors) => rejected.rows.push((detail, row, errors)),
            }
        }
    }
    if rejected.is_empty() {
        Ok(draft)
    } else {
        Err(rejected)
    }
}

/// Échec d'un enregistrement : sur la fiche, ou sur une ligne de détail.
enum SaveError {
    Store(StoreError),
    Row(usize, usize, StoreError),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

impl Leases {
    /// « V » : la location (ajoutée, ou modifiée si elle a changé), puis ce qui change
    /// dans ses périodes et ses rubriques — suppressions, modifications, ajouts — dans une
    /// seule transaction : tout ou rien, et un refus s'affiche sur sa ligne.
    pub(super) fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        form.clear_errors();
        if !form.is_new() && !form.is_dirty() {
            form.set_info(wording::NOTHING_CHANGED);
            return None;
        }
        let draft = match build(form, ctx.db.today) {
            Ok(draft) => draft,
            Err(rejected) => {
                rejected.show(form);
                return None;
            }
        };
        let original = form.reference().map(str::to_string);
        // La fiche n'est réécrite que si elle a changé (le journal d'audit le dit).
        let lease_changed = match &original {
            None => true,
            Some(reference) => ctx
                .data
                .leases
                .iter()
                .find(|l| &l.reference == reference)
                .is_none_or(|stored| *stored != draft.lease),
        };
        // La sortie n'est écrite que si elle change (une fiche sans sortie n'en reçoit pas).
        let stored_exit = ctx
            .data
            .lease_exits
            .iter()
            .find(|x| x.lease == draft.lease.reference);
        let exit_changed = match stored_exit {
            Some(stored) => *stored != draft.exit,
            None => draft.exit.keys_returned.is_some() || draft.exit.inventory.is_some(),
        };
        let lease_ref = draft.lease.reference.clone();
        let result = ctx.db.write(wording::AUDIT_FORM, |repo| {
            match &original {
                None => repo.insert_lease(&draft.lease)?,
                Some(reference) if lease_changed => repo.update_lease(reference, &draft.lease)?,
                Some(_) => {}
            }
            if exit_changed {
                repo.set_lease_exit(&draft.exit)?;
            }
            // Suppressions d'abord (un début libéré peut être repris), puis modifications,
            // puis ajouts.
            for pass in 0..3 {
                for (row, change) in &draft.periods {
                    let wanted = match pass {
                        0 => matches!(change, Change::Remove { .. }),
                        1 => matches!(change, Change::Edit { .. }),
                        _ => matches!(change, Change::Add(_)),
                    };
                    if !wanted {
                        continue;
                    }
                    let written = match change {
                        Change::Add(p) => repo.insert_period(p),
                        Change::Edit { start, record, .. } => repo.update_period(*start, record),
                        Change::Remove { start, .. } => repo.delete_period(&lease_ref, *start),
                    };
                    written.map_err(|e| SaveError::Row(PERIODS, *row, e))?;
                }
                for (detail, row, change) in &draft.items {
                    let wanted = match pass {
                        0 => matches!(change, Change::Remove { .. }),
                        1 => matches!(change, Change::Edit { .. }),
                        _ => matches!(change, Change::Add(_)),
                    };
                    if !wanted {
                        continue;
                    }
                    let written = match change {
                        Change::Add(item) => repo.insert_lease_item(item),
                        Change::Edit {
                            item,
                            start,
                            record,
                        } => repo.update_lease_item(item, *start, record),
                        Change::Remove { item, start } => {
                            repo.delete_lease_item(&lease_ref, item, *start)
                        }
                    };
                    written.map_err(|e| SaveError::Row(*detail, *row, e))?;
                }
            }
            Ok::<(), SaveError>(())
        });
        match result {
            Ok(()) => {
                let message = if original.is_some() {
                    wording::record_updated(&lease_ref)
                } else {
                    wording::record_saved(&lease_ref)
                };
                // Les lignes enregistrées deviennent les lignes de référence ; la fiche est
                // relue de la base au rechargement (fins et préavis calculés…).
                form.saved(lease_ref, message);
                Some(Event::Changed)
            }
            Err(SaveError::Store(e)) => {
                form.set_store_error(&e);
                None
            }
            Err(SaveError::Row(detail, row, e)) => {
                let errors = match e {
                    StoreError::Invalid(errors) => errors,
                    other => vec![Invalid::new("ligne", other.to_string())],
                };
                if let Some(d) = form.details.get_mut(detail) {
                    d.set_row_errors(row, errors);
                }
                form.set_general(wording::ROW_REFUSED);
                None
            }
        }
    }

    /// « – » confirmé : abandonne une location nouvelle, supprime une location qui n'a
    /// encore rien produit ; sinon le refus du store s'affiche en tête de la fiche.
    pub(super) fn delete(&mut self, ctx: &Ctx) -> Option<Event> {
        let form = self.form.as_mut()?;
        let Some(reference) = form.reference().map(str::to_string) else {
            self.form = None;
            return None;
        };
        form.clear_errors();
        match ctx
            .db
            .write(wording::AUDIT_DELETE, |repo| repo.delete_lease(&reference))
        {
            Ok(()) => {
                self.form = None;
                self.situation = None;
                self.info = Some(wording::record_deleted(&reference));
                Some(Event::Changed)
            }
            Err(error) => {
                form.set_refusal(&error);
                None
            }
        }
    }
}
