//! Les fenêtres de l'application : chacune a son état, ses messages, `update` et `view`,
//! et signale à l'application ce qui la concerne par un `Event`.

pub mod allocation_keys;
pub mod balance;
pub mod buildings;
pub mod catalogues;
pub mod database;
pub mod leases;
pub mod list;
pub mod notices;
pub mod one_off;
pub mod payments;
pub mod records;
pub mod situation;
pub mod tenants;
pub mod third_parties;
pub mod units;
pub mod vouchers;

use crate::gui::db::Db;
use crate::model::{
    Account, AllocationKey, Bank, Building, ChargeItem, Journal, Lease, LeaseItem, LeasePeriod,
    Tenant, ThirdParty, ThirdPartyKind, Unit, VoucherTemplate,
};
use crate::store::{Repo, StoreError};

/// Raccourcis clavier, traduits par chaque fenêtre en ses propres messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+N : nouvelle fiche.
    New,
    /// Ctrl+S : enregistrer.
    Save,
    /// Suppr : supprimer (après confirmation).
    Delete,
    /// Échap : fermer la question ou revenir à la liste.
    Escape,
    /// Entrée : ouvrir la fiche de la ligne courante, ou répondre « oui ».
    Enter,
    /// Flèches, Début, Fin, Page préc./suiv. dans une liste ; `true` avec Maj (étend la
    /// sélection).
    Move(crate::gui::widget::table::Move, bool),
}

/// Ce qu'une fenêtre signale à l'application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Une fiche a été choisie (sa référence), pour la barre d'état.
    Selected(String),
    /// Des données ont changé en base : l'application relit les listes.
    Changed,
    /// Ouvrir la situation des comptes d'un locataire (sa référence).
    OpenSituation(String),
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
    pub accounts: Vec<Account>,
    pub journals: Vec<Journal>,
    pub templates: Vec<VoucherTemplate>,
    pub charge_items: Vec<ChargeItem>,
    pub banks: Vec<Bank>,
    pub indices: Vec<crate::model::RentIndex>,
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
            accounts: repo.accounts()?,
            journals: repo.journals()?,
            templates: repo.templates()?,
            charge_items: repo.charge_items()?,
            banks: repo.banks()?,
            indices: repo.indices()?,
        })
    }

    /// Références des tiers d'un type.
    pub fn parties_of(&self, kind: ThirdPartyKind) -> Vec<String> {
        self.third_parties
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.reference.clone())
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

/// Ce qu'une fenêtre reçoit pour agir : la base et les données chargées.
pub struct Ctx<'a> {
    pub db: &'a Db,
    pub data: &'a Data,
}
