//! Les fenêtres de l'application : chacune a son état, ses messages, `update` et `view`,
//! et signale à l'application ce qui la concerne par un `Event`.

pub mod allocation_keys;
pub mod balance;
pub mod benefits;
pub mod buildings;
pub mod caf_file;
pub mod catalogues;
pub mod database;
pub mod debit_rejects;
pub mod debits;
pub mod index_entry;
pub mod leases;
pub mod list;
pub mod merge;
pub mod notices;
pub mod one_off;
pub mod payments;
pub mod records;
pub mod revision;
pub mod revision_terms;
pub mod settlement;
pub mod situation;
pub mod tenants;
pub mod text_dialog;
pub mod third_parties;
pub mod transfer;
pub mod units;
pub mod unpaid;
pub mod vouchers;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::gui::db::Db;
use crate::gui::text as wording;
use crate::gui::widget::picker::Choices;
use crate::model::{
    Account, AllocationKey, Bank, Building, ChargeItem, Journal, Lease, LeaseItem, LeasePeriod,
    Tenant, ThirdParty, ThirdPartyKind, Unit, VoucherTemplate,
};
use crate::store::{Repo, StoreError};

/// Raccourcis clavier, traduits par chaque fenêtre en ses propres messages (le sens
/// commun aux fenêtres « liste + fiche » est dans `widget::shortcut`).
pub use crate::gui::widget::shortcut::Shortcut;

/// Ce qu'une fenêtre signale à l'application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Une fiche a été choisie (sa référence), pour la barre d'état.
    Selected(String),
    /// Des données ont changé en base : l'application relit les listes.
    Changed,
    /// Ouvrir la situation des comptes d'un locataire (sa référence).
    OpenSituation(String),
    /// Ouvrir une pièce (son numéro) dans la fenêtre Écritures.
    OpenVoucher(String),
}

/// Toutes les fiches et catalogues du bailleur, lus d'un coup ; les fenêtres en tirent
/// leurs listes et les formulaires leurs listes de choix. Les documents et les pièces,
/// qui se comptent par millions, n'y sont pas : les fenêtres Avis et Écritures lisent
/// ceux de leur période.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub buildings: Vec<Building>,
    pub units: Vec<Unit>,
    /// Clés de répartition des immeubles, avec leurs tantièmes.
    pub allocation_keys: Vec<AllocationKey>,
    pub tenants: Vec<Tenant>,
    pub third_parties: Vec<ThirdParty>,
    pub leases: Vec<Lease>,
    pub periods: Vec<LeasePeriod>,
    pub lease_items: Vec<LeaseItem>,
    /// Sorties des locations : remise des clés, état des lieux (S14).
    pub lease_exits: Vec<crate::model::LeaseExit>,
    pub accounts: Vec<Account>,
    pub journals: Vec<Journal>,
    pub templates: Vec<VoucherTemplate>,
    pub charge_items: Vec<ChargeItem>,
    pub banks: Vec<Bank>,
    pub indices: Vec<crate::model::RentIndex>,
    /// Conditions de révision des lots et des locations (S12).
    pub revision_terms: Vec<crate::model::RevisionTerms>,
    /// Fiches des champs de recherche, préparées une fois par chargement.
    pub lookups: Lookups,
}

/// Les fiches proposées par les champs de recherche (immeubles, lots, locataires, tiers,
/// locations), préparées à la première demande et gardées jusqu'au prochain chargement
/// des données : ouvrir une fiche ne refait pas la préparation de 10 000 fiches.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    buildings: OnceLock<Arc<Choices>>,
    units: OnceLock<Arc<Choices>>,
    tenants: OnceLock<Arc<Choices>>,
    third_parties: OnceLock<Arc<Choices>>,
    leases: OnceLock<Arc<Choices>>,
}

impl Data {
    /// Lit tout ce que les fenêtres affichent.
    pub fn load(repo: &Repo) -> Result<Data, StoreError> {
        Ok(Data {
            buildings: repo.buildings()?,
            units: repo.units()?,
            allocation_keys: repo.allocation_keys()?,
            tenants: repo.tenants()?,
            third_parties: repo.third_parties()?,
            leases: repo.leases()?,
            periods: repo.periods()?,
            lease_items: repo.lease_items()?,
            lease_exits: repo.lease_exits()?,
            accounts: repo.accounts()?,
            journals: repo.journals()?,
            templates: repo.templates()?,
            charge_items: repo.charge_items()?,
            banks: repo.banks()?,
            indices: repo.indices()?,
            revision_terms: repo.revision_terms()?,
            lookups: Lookups::default(),
        })
    }

    /// Immeubles : « référence — rue, code postal ville ».
    pub fn building_choices(&self) -> Arc<Choices> {
        cached(&self.lookups.buildings, &self.buildings, |b| {
            let label = wording::building_choice(&b.street, &b.postcode, &b.city);
            (b.reference.clone(), label)
        })
    }

    /// Lots : « référence — nature typologie, immeuble ».
    pub fn unit_choices(&self) -> Arc<Choices> {
        cached(&self.lookups.units, &self.units, |u| {
            let label = wording::unit_choice(&u.nature, &u.size, &u.building);
            (u.reference.clone(), label)
        })
    }

    /// Locataires : « référence — civilité nom prénom ».
    pub fn tenant_choices(&self) -> Arc<Choices> {
        cached(&self.lookups.tenants, &self.tenants, |t| {
            (t.reference.clone(), t.display_name())
        })
    }

    /// Tous les tiers, locataires compris : « référence — nom ».
    pub fn party_choices(&self) -> Arc<Choices> {
        cached(&self.lookups.third_parties, &self.third_parties, |p| {
            (p.reference.clone(), p.name.clone())
        })
    }

    /// Les tiers d'un type (organismes payeurs, syndics…), peu nombreux : préparés à
    /// chaque demande.
    pub fn party_choices_of(&self, kind: ThirdPartyKind) -> Arc<Choices> {
        Arc::new(Choices::new(self.parties_where(|p| p.kind == kind)))
    }

    /// Les tiers qui ne sont pas des locataires (tiers payeur d'une location).
    pub fn non_tenant_choices(&self) -> Arc<Choices> {
        Arc::new(Choices::new(
            self.parties_where(|p| p.kind != ThirdPartyKind::Tenant),
        ))
    }

    fn parties_where(&self, keep: impl Fn(&ThirdParty) -> bool) -> Vec<(String, String)> {
        self.third_parties
            .iter()
            .filter(|p| keep(p))
            .map(|p| (p.reference.clone(), p.name.clone()))
            .collect()
    }

    /// Locations : « référence — nom du locataire (référence), lot ».
    pub fn lease_choices(&self) -> Arc<Choices> {
        let cell = &self.lookups.leases;
        cell.get_or_init(|| Choices::shared(self.lease_labels()))
            .clone()
    }

    /// Les locations `(référence, libellé)`.
    fn lease_labels(&self) -> Vec<(String, String)> {
        let names: HashMap<&str, &str> = self
            .third_parties
            .iter()
            .map(|p| (p.reference.as_str(), p.name.as_str()))
            .collect();
        self.leases
            .iter()
            .map(|l| {
                let name = names.get(l.tenant.as_str()).copied().unwrap_or_default();
                (
                    l.reference.clone(),
                    wording::lease_choice(name, &l.tenant, &l.unit),
                )
            })
            .collect()
    }

    /// Nom d'un tiers (ou d'un locataire) par sa référence.
    pub fn party_name(&self, reference: &str) -> String {
        self.third_parties
            .iter()
            .find(|p| p.reference == reference)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }
}

/// Les fiches `(référence, libellé)` tirées de `rows` par `item`, gardées dans `cell`
/// et préparées à la première demande.
fn cached<T>(
    cell: &OnceLock<Arc<Choices>>,
    rows: &[T],
    item: impl Fn(&T) -> (String, String),
) -> Arc<Choices> {
    cell.get_or_init(|| Choices::shared(rows.iter().map(item).collect()))
        .clone()
}

/// Ce qu'une fenêtre reçoit pour agir : la base et les données chargées.
pub struct Ctx<'a> {
    pub db: &'a Db,
    pub data: &'a Data,
}
