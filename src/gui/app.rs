//! La coquille de l'application : barre latérale des fenêtres, fenêtre ouverte, barre
//! d'état, raccourcis clavier, garde contre la fermeture avec des modifications non
//! enregistrées. Elle charge les fiches, transmet les messages à la fenêtre concernée et
//! relit les données quand une fenêtre en a changé ; aucune règle métier ici.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use iced::event::{self, Event as RuntimeEvent};
use iced::keyboard::{self, key::Named, Key, Modifiers};
use iced::widget::{button, column, container, row, scrollable, text, Column, Space};
use iced::{Alignment, Length, Subscription, Task, Theme};

use super::db::Db;
use super::screen::balance::{self, Balance};
use super::screen::benefits::{self, Benefits};
use super::screen::buildings::{self, Buildings};
use super::screen::catalogues::{self, Catalogue, Catalogues};
use super::screen::database::{self, Database};
use super::screen::debit_rejects::{self, DebitRejects};
use super::screen::debits::{self, Debits};
use super::screen::leases::{self, Leases};
use super::screen::notices::{self, Notices};
use super::screen::payments::{self, Payments};
use super::screen::revision;
use super::screen::situation::{self, TenantSituation};
use super::screen::tenants::{self, Tenants};
use super::screen::third_parties::{self, ThirdParties};
use super::screen::units::{self, Units};
use super::screen::unpaid::{self, Unpaid};
use super::screen::vouchers::{self, Vouchers};
use super::screen::{merge, transfer};
use super::screen::{records, Ctx, Data, Event, Shortcut};
use super::widget::browse;
use super::widget::save::{self, SaveBox};
use super::widget::table::Move;
use super::widget::{menu, modal, tool_button, treatment, Element};
use super::{menus, text as wording, theme};
use crate::model::dates::format_date;
use crate::store::{Session, Store};

/// Les fenêtres de la barre latérale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Buildings,
    Units,
    Tenants,
    ThirdParties,
    Leases,
    Notices,
    Payments,
    Unpaid,
    Benefits,
    Situation,
    Vouchers,
    Balance,
    Catalogue(Catalogue),
    Database,
    /// Liste des prélèvements (menu Locations), hors de la barre latérale.
    Debits,
    /// Rejets de prélèvements (menu Règlements), hors de la barre latérale.
    DebitRejects,
}

impl Window {
    /// Sections de la barre latérale et leurs fenêtres.
    pub const SECTIONS: [(&'static str, &'static [Window]); 3] = [
        (
            wording::SECTION_RENTALS,
            &[
                Window::Buildings,
                Window::Units,
                Window::Tenants,
                Window::ThirdParties,
                Window::Leases,
                Window::Benefits,
                Window::Notices,
                Window::Payments,
                Window::Unpaid,
                Window::Situation,
            ],
        ),
        (
            wording::SECTION_ACCOUNTING,
            &[Window::Vouchers, Window::Balance],
        ),
        (
            wording::SECTION_CATALOGUES,
            &[
                Window::Catalogue(Catalogue::Accounts),
                Window::Catalogue(Catalogue::Journals),
                Window::Catalogue(Catalogue::Templates),
                Window::Catalogue(Catalogue::ChargeItems),
                Window::Catalogue(Catalogue::Indices),
                Window::Catalogue(Catalogue::Banks),
            ],
        ),
    ];

    /// Toutes les fenêtres, dans l'ordre de la barre latérale.
    pub fn all() -> Vec<Window> {
        Window::SECTIONS
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .chain([Window::Database, Window::Debits, Window::DebitRejects])
            .collect()
    }

    pub fn title(self) -> &'static str {
        match self {
            Window::Buildings => wording::BUILDINGS,
            Window::Units => wording::UNITS,
            Window::Tenants => wording::TENANTS,
            Window::ThirdParties => wording::THIRD_PARTIES,
            Window::Leases => wording::LEASES,
            Window::Notices => wording::NOTICES,
            Window::Payments => wording::PAYMENTS,
            Window::Unpaid => wording::UNPAID,
            Window::Benefits => benefits::TITLE,
            Window::Situation => wording::SITUATION_SHORT,
            Window::Vouchers => wording::VOUCHERS,
            Window::Balance => wording::BALANCE,
            Window::Catalogue(Catalogue::Accounts) => wording::CAT_ACCOUNTS_SHORT,
            Window::Catalogue(Catalogue::Journals) => wording::CAT_JOURNALS_SHORT,
            Window::Catalogue(Catalogue::Templates) => wording::CAT_TEMPLATES_SHORT,
            Window::Catalogue(Catalogue::ChargeItems) => wording::CAT_ITEMS_SHORT,
            Window::Catalogue(Catalogue::Indices) => wording::CAT_INDICES_SHORT,
            Window::Catalogue(Catalogue::Banks) => wording::CAT_BANKS_SHORT,
            Window::Database => wording::DATABASE,
            Window::Debits => wording::DEBITS,
            Window::DebitRejects => wording::DEBIT_REJECTS,
        }
    }

    /// Nom court (variable `ABRI_FENETRE`, noms des captures d'écran).
    pub fn slug(self) -> &'static str {
        match self {
            Window::Buildings => "immeubles",
            Window::Units => "lots",
            Window::Tenants => "locataires",
            Window::ThirdParties => "tiers",
            Window::Leases => "locations",
            Window::Notices => "avis",
            Window::Payments => "reglements",
            Window::Unpaid => "impayes",
            Window::Benefits => "allocations",
            Window::Situation => "situation",
            Window::Vouchers => "ecritures",
            Window::Balance => "balance",
            Window::Catalogue(Catalogue::Accounts) => "comptes",
            Window::Catalogue(Catalogue::Journals) => "journaux",
            Window::Catalogue(Catalogue::Templates) => "modeles",
            Window::Catalogue(Catalogue::ChargeItems) => "rubriques",
            Window::Catalogue(Catalogue::Indices) => "indices",
            Window::Catalogue(Catalogue::Banks) => "banques",
            Window::Database => "base",
            Window::Debits => "prelevements",
            Window::DebitRejects => "rejets-prelevements",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Window> {
        Window::all().into_iter().find(|w| w.slug() == slug)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Clic dans la barre latérale.
    Open(Window),
    Buildings(buildings::Message),
    Units(units::Message),
    Tenants(tenants::Message),
    ThirdParties(third_parties::Message),
    Leases(leases::Message),
    Notices(notices::Message),
    Payments(payments::Message),
    Unpaid(unpaid::Message),
    Benefits(benefits::Message),
    Situation(situation::Message),
    Vouchers(vouchers::Message),
    Balance(balance::Message),
    Catalogues(catalogues::Message),
    Database(database::Message),
    Debits(debits::Message),
    DebitRejects(debit_rejects::Message),
    /// Raccourci clavier.
    Shortcut(Shortcut),
    /// Touches Ctrl / Maj (sélection multiple des listes).
    Modifiers(Modifiers),
    /// L'utilisateur ferme la fenêtre.
    CloseRequested,
    /// Réponse à « quitter sans enregistrer ? ».
    Quit(bool),
    /// Barre de menus : ouvre le menu n° i (`None` : ferme le menu ouvert).
    Menu(Option<usize>),
    /// Entrée de menu choisie : le menu se ferme, la fenêtre s'ouvre s'il y en a une,
    /// puis le message part (celui du bouton du traitement).
    Pick(Option<Window>, Box<Message>),
    /// Boîte « Sauvegarder une copie » (menu Fichier).
    Backup(save::Message),
    /// Boîte « Réviser les loyers… » (menus Lots et Locations).
    Revision(revision::Message),
    /// Boîte « Mutation… » (menu Locations).
    Transfer(transfer::Message),
    /// Boîte « Fusionner locataire… » (menu Locataires).
    Merge(merge::Message),
}

/// Les fenêtres qui lisent le grand livre (pièces, documents, soldes) : leurs données
/// ne sont lues qu'à leur ouverture.
const LEDGER_WINDOWS: [Window; 7] = [
    Window::Notices,
    Window::Payments,
    Window::Unpaid,
    Window::Benefits,
    Window::Vouchers,
    Window::Balance,
    Window::DebitRejects,
];

/// L'état de l'application.
pub struct App {
    db: Db,
    data: Data,
    landlord_name: String,
    window: Window,
    /// Fenêtres du grand livre dont les données sont à relire à leur prochaine
    /// ouverture (au démarrage, puis après chaque enregistrement fait ailleurs).
    stale: Vec<Window>,
    selection: Option<String>,
    error: Option<String>,
    quitting: bool,
    /// Menu déroulé de la barre de menus.
    menu: Option<usize>,
    /// Boîte « Sauvegarder une copie » ouverte.
    backup: Option<SaveBox>,
    /// Boîte « Réviser les loyers… » ouverte.
    revision: Option<revision::RentRevision>,
    /// Boîtes « Mutation… » et « Fusionner locataire… » ouvertes.
    transfer: Option<transfer::TransferDialog>,
    merge: Option<merge::MergeDialog>,
    buildings: Buildings,
    units: Units,
    tenants: Tenants,
    third_parties: ThirdParties,
    leases: Leases,
    notices: Notices,
    payments: Payments,
    unpaid: Unpaid,
    benefits: Benefits,
    situation: TenantSituation,
    vouchers: Vouchers,
    balance: Balance,
    catalogues: Catalogues,
    database: Database,
    debits: Debits,
    debit_rejects: DebitRejects,
}

impl App {
    /// Charge les fiches du bailleur de la session ; la date du jour est celle de
    /// l'horloge.
    pub fn load(store: Store, session: Session, database: PathBuf) -> Result<App, String> {
        App::load_at(store, session, database, chrono::Local::now().date_naive())
    }

    /// Idem, à une date donnée (tests).
    pub fn load_at(
        store: Store,
        session: Session,
        database: PathBuf,
        today: NaiveDate,
    ) -> Result<App, String> {
        let landlord = store
            .landlord(&session)
            .map_err(|e| wording::cannot_open_session(&e.to_string()))?;
        let db = Db::new(store, session, database, today);
        let data = db
            .read(Data::load)
            .map_err(|e| wording::cannot_read_data(&e.to_string()))?;
        let ctx = Ctx {
            db: &db,
            data: &data,
        };
        // Écritures, avis et balance lisent le grand livre : lus à leur ouverture (sur
        // 2 millions d'écritures, la balance seule prend une demi-seconde).
        let vouchers = Vouchers::unloaded(&ctx);
        let notices = Notices::unloaded(&ctx);
        let balance = Balance::unloaded(&ctx);
        let unpaid = Unpaid::unloaded(&ctx);
        let database = Database::new(&ctx);
        Ok(App {
            landlord_name: landlord.name,
            window: Window::Buildings,
            stale: LEDGER_WINDOWS.to_vec(),
            selection: None,
            error: None,
            quitting: false,
            menu: None,
            backup: None,
            revision: None,
            transfer: None,
            merge: None,
            buildings: Buildings::new(&data),
            units: Units::new(&data),
            tenants: Tenants::new(&data),
            third_parties: ThirdParties::new(&data),
            leases: Leases::new(&data, today),
            notices,
            payments: Payments::new(&data, today),
            unpaid,
            benefits: Benefits::unloaded(),
            situation: TenantSituation::new(&data, today),
            vouchers,
            balance,
            catalogues: Catalogues::new(&data),
            database,
            debits: Debits::new(today),
            debit_rejects: DebitRejects::default(),
            db,
            data,
        })
    }

    pub fn title(&self) -> String {
        wording::window_title(&self.landlord_name)
    }

    pub fn theme(&self) -> Theme {
        theme::theme()
    }

    pub fn window(&self) -> Window {
        self.window
    }

    pub fn data(&self) -> &Data {
        &self.data
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn buildings(&self) -> &Buildings {
        &self.buildings
    }

    pub fn units(&self) -> &Units {
        &self.units
    }

    pub fn tenants(&self) -> &Tenants {
        &self.tenants
    }

    pub fn third_parties(&self) -> &ThirdParties {
        &self.third_parties
    }

    pub fn leases(&self) -> &Leases {
        &self.leases
    }

    pub fn notices(&self) -> &Notices {
        &self.notices
    }

    pub fn payments(&self) -> &Payments {
        &self.payments
    }

    pub fn unpaid(&self) -> &Unpaid {
        &self.unpaid
    }

    pub fn benefits(&self) -> &Benefits {
        &self.benefits
    }

    pub fn situation(&self) -> &TenantSituation {
        &self.situation
    }

    pub fn vouchers(&self) -> &Vouchers {
        &self.vouchers
    }

    pub fn balance(&self) -> &Balance {
        &self.balance
    }

    pub fn catalogues(&self) -> &Catalogues {
        &self.catalogues
    }

    pub fn database(&self) -> &Database {
        &self.database
    }

    pub fn debits(&self) -> &Debits {
        &self.debits
    }

    pub fn debit_rejects(&self) -> &DebitRejects {
        &self.debit_rejects
    }

    /// Le menu déroulé (0 : Fichier, puis les groupes de fenêtres).
    pub fn menu(&self) -> Option<usize> {
        self.menu
    }

    /// La boîte « Sauvegarder une copie », si elle est ouverte.
    /// Boîte « Réviser les loyers… » ouverte.
    pub fn revision(&self) -> Option<&revision::RentRevision> {
        self.revision.as_ref()
    }

    /// Boîte « Mutation… » ouverte.
    pub fn transfer(&self) -> Option<&transfer::TransferDialog> {
        self.transfer.as_ref()
    }

    /// Boîte « Fusionner locataire… » ouverte.
    pub fn merge(&self) -> Option<&merge::MergeDialog> {
        self.merge.as_ref()
    }

    pub fn backup(&self) -> Option<&SaveBox> {
        self.backup.as_ref()
    }

    pub fn selection(&self) -> Option<&str> {
        self.selection.as_deref()
    }

    /// Erreur affichée dans la barre d'état (base illisible…).
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Une fenêtre a des modifications non enregistrées.
    pub fn has_unsaved(&self) -> bool {
        self.buildings.has_unsaved()
            || self.units.has_unsaved()
            || self.tenants.has_unsaved()
            || self.third_parties.has_unsaved()
            || self.leases.has_unsaved()
            || self.vouchers.has_unsaved()
            || self.payments.has_unsaved()
    }

    /// Un traitement tourne : les raccourcis et la navigation attendent.
    pub fn is_busy(&self) -> bool {
        self.database.is_busy()
            || self.leases.is_busy()
            || self.notices.is_busy()
            || self.payments.is_busy()
            || self
                .revision
                .as_ref()
                .is_some_and(|r| r.treatment.is_running())
            || self.debits.is_busy()
            || self
                .transfer
                .as_ref()
                .is_some_and(|d| d.treatment.is_running())
            || self
                .merge
                .as_ref()
                .is_some_and(|d| d.treatment.is_running())
    }

    /// Relit toutes les données après un enregistrement ; les fenêtres gardent leurs
    /// filtres, tris et formulaires ouverts.
    fn reload(&mut self) {
        match self.db.read(Data::load) {
            Ok(data) => {
                self.data = data;
                self.error = None;
            }
            Err(e) => {
                self.error = Some(wording::cannot_read_data(&e.to_string()));
                return;
            }
        }
        self.buildings.reload(&self.data, self.db.today);
        self.units.reload(&self.data, self.db.today);
        self.tenants.reload(&self.data, self.db.today);
        self.third_parties.reload(&self.data, self.db.today);
        self.catalogues.reload(&self.data);
        let ctx = Ctx {
            db: &self.db,
            data: &self.data,
        };
        self.leases.reload(&ctx);
        self.payments.reload(&ctx);
        self.situation.reload(&ctx);
        self.database.reload(&ctx);
        for window in LEDGER_WINDOWS {
            if !self.stale.contains(&window) {
                self.stale.push(window);
            }
        }
        self.refresh_if_stale(self.window);
    }

    /// Relit les données d'une fenêtre du grand livre si elles ont pu changer depuis sa
    /// dernière lecture.
    fn refresh_if_stale(&mut self, window: Window) {
        let Some(at) = self.stale.iter().position(|w| *w == window) else {
            return;
        };
        self.stale.swap_remove(at);
        let ctx = Ctx {
            db: &self.db,
            data: &self.data,
        };
        match window {
            Window::Notices => self.notices.reload(&ctx),
            Window::Payments => self.payments.reload_list(&ctx),
            Window::Unpaid => self.unpaid.reload(&ctx),
            Window::Benefits => self.benefits.reload(&ctx),
            Window::Vouchers => self.vouchers.reload(&ctx),
            Window::Balance => self.balance.reload(&ctx),
            Window::DebitRejects => self.debit_rejects.reload(&ctx),
            _ => {}
        }
    }

    /// Ouvre une autre base, ou un autre bailleur de la même base.
    fn switch(&mut self, path: PathBuf, landlord: Option<String>) {
        if self.has_unsaved() {
            self.error = Some(wording::SAVE_BEFORE_SWITCH.to_string());
            return;
        }
        let opened = (|| {
            let mut store =
                Store::open(&path).map_err(|e| wording::cannot_open(&path, &e.to_string()))?;
            let landlords = store
                .landlords()
                .map_err(|e| wording::cannot_open(&path, &e.to_string()))?;
            if landlords.is_empty() {
                crate::treatments::demo::create_demo(&mut store, super::USER)
                    .map_err(|e| wording::cannot_create_demo(&e.to_string()))?;
            }
            let session = store
                .session(landlord.as_deref(), super::USER)
                .map_err(|e| wording::cannot_open_session(&e.to_string()))?;
            App::load_at(store, session, path.clone(), self.db.today)
        })();
        match opened {
            Ok(app) => {
                let window = self.window;
                *self = app;
                self.window = window;
                self.refresh_if_stale(window);
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Ouvre une fenêtre (barre latérale, ou `ABRI_FENETRE` au démarrage).
    pub fn open_window(&mut self, window: Window) {
        self.window = window;
        self.selection = None;
        self.refresh_if_stale(window);
    }

    /// Ouvre la fiche `reference` de la fenêtre courante, sur l'onglet `tab` (captures
    /// d'écran : `ABRI_OUVRIR`, `ABRI_ONGLET`). Pour la situation, choisit le locataire.
    pub fn open_record(&mut self, reference: &str, tab: Option<usize>) {
        use super::widget::form::Message as F;
        use super::widget::table::Message as T;
        type FormMessage = Option<fn(F) -> Message>;
        let (message, form): (Option<Message>, FormMessage) = match self.window {
            Window::Buildings => (
                self.buildings
                    .table()
                    .position(|b| b.reference == reference)
                    .map(|i| Message::Buildings(records::Message::List(T::Open(i)))),
                Some(|m| Message::Buildings(records::Message::Form(m))),
            ),
            Window::Units => (
                self.units
                    .table()
                    .position(|u| u.reference == reference)
                    .map(|i| Message::Units(records::Message::List(T::Open(i)))),
                Some(|m| Message::Units(records::Message::Form(m))),
            ),
            Window::Tenants => (
                self.tenants
                    .table()
                    .position(|t| t.reference == reference)
                    .map(|i| Message::Tenants(records::Message::List(T::Open(i)))),
                Some(|m| Message::Tenants(records::Message::Form(m))),
            ),
            Window::ThirdParties => (
                self.third_parties
                    .table()
                    .position(|p| p.reference == reference)
                    .map(|i| Message::ThirdParties(records::Message::List(T::Open(i)))),
                Some(|m| Message::ThirdParties(records::Message::Form(m))),
            ),
            Window::Leases => (
                self.leases
                    .table()
                    .position(|l| l.reference == reference)
                    .map(|i| Message::Leases(leases::Message::List(T::Open(i)))),
                Some(|m| Message::Leases(leases::Message::Form(m))),
            ),
            // Pièces et documents : lus par leur numéro, même hors de la période chargée.
            Window::Vouchers => (
                Some(Message::Vouchers(vouchers::Message::OpenNumber(
                    reference.to_string(),
                ))),
                Some(|m| Message::Vouchers(vouchers::Message::Form(m))),
            ),
            Window::Notices => (
                Some(Message::Notices(notices::Message::OpenNumber(
                    reference.to_string(),
                ))),
                None,
            ),
            Window::Situation => {
                let ctx = Ctx {
                    db: &self.db,
                    data: &self.data,
                };
                self.situation.show(reference, &ctx);
                (None, None)
            }
            _ => (None, None),
        };
        if let Some(message) = message {
            let _ = self.update(message);
            if let (Some(tab), Some(form)) = (tab, form) {
                let _ = self.update(form(F::Tab(tab)));
            }
        }
    }

    /// Action faite au démarrage (captures d'écran : `ABRI_ACTION`) : « nouveau » ouvre
    /// une fiche vide et l'enregistre (messages des champs obligatoires), « generer »
    /// lance la simulation de la génération des avis, « verifier » le contrôle de la
    /// base, « imprimer » ouvre la boîte d'impression des avis, « saisir:champ=valeur »
    /// tape dans la fiche ouverte, « enregistrer » l'enregistre, « supprimer » la
    /// supprime (après confirmation), « depot », « facture » et « avoir » ouvrent la boîte
    /// du document (« depot:400,00:01/12/2026 » la remplit et lance la simulation),
    /// « chercher:texte » tape dans la recherche de la location de cette boîte (dans la
    /// fenêtre Situation : du locataire ; dans la liste des écritures : du tiers),
    /// « vierge » ouvre une fiche vide sans l'enregistrer. Dans la fenêtre Règlements,
    /// « saisie » ouvre la saisie rapide et « saisir » tape dans sa première ligne.
    /// « menu:N » déroule le menu n° N de la barre (0 : Fichier), « copie » ouvre la boîte
    /// « Sauvegarder une copie ». Prélèvements : voir `debits::startup` ; « retour:FICHIER »
    /// simule l'import d'un retour de la banque. Plusieurs actions se séparent par « ; ».
    pub fn perform(&mut self, action: &str) -> Task<Message> {
        if action.contains(';') {
            let tasks: Vec<_> = action.split(';').map(|a| self.perform(a.trim())).collect();
            return Task::batch(tasks);
        }
        if let Some(task) = self.perform_move(action) {
            return task;
        }
        if let Some(query) = action.strip_prefix("chercher:") {
            let message = self.search_message(query.to_string());
            return self.update(message);
        }
        if let Some(messages) = debits::startup(action) {
            let tasks: Vec<_> = messages
                .into_iter()
                .map(|m| self.update(Message::Debits(m)))
                .collect();
            return Task::batch(tasks);
        }
        if let Some(path) = action.strip_prefix("retour:") {
            let simulate = payments::returns::Message::Simulate(path.to_string());
            return self.update(Message::Payments(payments::Message::Returns(simulate)));
        }
        if let Some(input) = action.strip_prefix("saisir:") {
            let Some((key, value)) = input.split_once('=') else {
                return Task::none();
            };
            return match self.form_input(key.trim(), value.to_string()) {
                Some(message) => self.update(message),
                None => Task::none(),
            };
        }
        let one_off = |kind: &str| match kind {
            "depot" => Some(crate::model::DocumentKind::DepositCall),
            "facture" => Some(crate::model::DocumentKind::Invoice),
            "avoir" => Some(crate::model::DocumentKind::CreditNote),
            _ => None,
        };
        let mut parts = action.split(':');
        if let Some(kind) = parts.next().and_then(one_off) {
            use super::screen::one_off::{Field, Message as D};
            let dialog = |m: D| Message::Leases(leases::Message::OneOffDialog(m));
            let _ = self.update(Message::Leases(leases::Message::OneOff(kind)));
            let amount = parts.next();
            if let Some(date) = parts.next() {
                let _ = self.update(dialog(D::Input(Field::ValueDate, date.to_string())));
            }
            if let Some(reference) = parts.next() {
                let _ = self.update(dialog(D::Input(Field::Reference, reference.to_string())));
            }
            return match amount {
                Some(amount) => {
                    let _ = self.update(dialog(D::Input(Field::Amount, amount.to_string())));
                    self.update(dialog(D::Treatment(super::widget::treatment::Message::Run)))
                }
                None => Task::none(),
            };
        }
        match action {
            "vierge" => self.update(Message::Shortcut(Shortcut::New)),
            "saisie" => self.update(Message::Payments(payments::Message::Enter)),
            "enregistrer" => self.update(Message::Shortcut(Shortcut::Save)),
            "supprimer" => {
                let _ = self.update(Message::Shortcut(Shortcut::Delete));
                self.update(Message::Shortcut(Shortcut::Enter))
            }
            "nouveau" => {
                let _ = self.update(Message::Shortcut(Shortcut::New));
                self.update(Message::Shortcut(Shortcut::Save))
            }
            "generer" => {
                let _ = self.update(Message::Leases(leases::Message::Generate));
                self.update(Message::Leases(leases::Message::Treatment(
                    super::widget::treatment::Message::Run,
                )))
            }
            // « generer:01/01/2027 » : la même simulation pour un autre mois, datée du 1er.
            other if other.starts_with("generer:") => {
                let month = other.trim_start_matches("generer:").to_string();
                let _ = self.update(Message::Leases(leases::Message::Generate));
                let _ = self.update(Message::Leases(leases::Message::GenPeriod(month.clone())));
                let _ = self.update(Message::Leases(leases::Message::GenValueDate(month)));
                self.update(Message::Leases(leases::Message::Treatment(
                    super::widget::treatment::Message::Run,
                )))
            }
            "verifier" => {
                let _ = self.update(Message::Database(database::Message::Verify));
                self.update(Message::Database(database::Message::Treatment(
                    super::widget::treatment::Message::Run,
                )))
            }
            "imprimer" => self.update(Message::Notices(notices::Message::Print)),
            // la boîte « Sauvegarder une copie », sans la boîte du système
            "copie" => {
                let path = menus::backup_path(&self.db).display().to_string();
                self.update(Message::Backup(save::Message::Path(path)))
            }
            // « menu:0 » déroule le menu Fichier, « menu:1 » le premier groupe de fenêtres.
            other if other.starts_with("menu:") => match other["menu:".len()..].parse() {
                Ok(index) => self.update(Message::Menu(Some(index))),
                Err(_) => Task::none(),
            },
            _ => Task::none(),
        }
    }

    /// Le message qui tape `query` dans la zone de recherche de la fenêtre : locataire de
    /// la situation, tiers des écritures, sinon location de la boîte de traitement.
    fn search_message(&self, query: String) -> Message {
        use super::widget::picker::Message as P;
        match self.window {
            Window::Situation => Message::Situation(situation::Message::Tenant(P::Query(query))),
            Window::Vouchers => Message::Vouchers(vouchers::Message::Tiers(P::Query(query))),
            _ => Message::Leases(leases::Message::OneOffDialog(
                super::screen::one_off::Message::Lease(P::Query(query)),
            )),
        }
    }

    /// Le message qui tape `value` dans le champ `key` de la fiche ouverte (la première
    /// ligne de la saisie des règlements).
    fn form_input(&self, key: &str, value: String) -> Option<Message> {
        use super::widget::form::{DetailMessage, Message as F};
        if self.window == Window::Payments {
            let entries = self.payments.form().details.get(payments::ENTRIES)?;
            let key = entries.columns.iter().find(|c| c.key == key)?.key;
            let input = DetailMessage::Input(0, key, value);
            return Some(Message::Payments(payments::Message::Form(F::Detail(
                payments::ENTRIES,
                input,
            ))));
        }
        // Les clés des champs sont des `&'static str` : on prend celle du formulaire.
        let form = match self.window {
            Window::Buildings => self.buildings.form(),
            Window::Units => self.units.form(),
            Window::Tenants => self.tenants.form(),
            Window::ThirdParties => self.third_parties.form(),
            Window::Leases => self.leases.form(),
            Window::Vouchers => self.vouchers.form(),
            _ => None,
        }?;
        let key = form.field_key(key)?;
        let input = F::Input(key, value);
        Some(match self.window {
            Window::Buildings => Message::Buildings(records::Message::Form(input)),
            Window::Units => Message::Units(records::Message::Form(input)),
            Window::Tenants => Message::Tenants(records::Message::Form(input)),
            Window::ThirdParties => Message::ThirdParties(records::Message::Form(input)),
            Window::Vouchers => Message::Vouchers(vouchers::Message::Form(input)),
            _ => Message::Leases(leases::Message::Form(input)),
        })
    }

    fn event(&mut self, event: Option<Event>) {
        match event {
            Some(Event::Selected(reference)) => self.selection = Some(reference),
            Some(Event::Changed) => self.reload(),
            Some(Event::OpenSituation(tenant)) => {
                let ctx = Ctx {
                    db: &self.db,
                    data: &self.data,
                };
                self.situation.show(&tenant, &ctx);
                self.window = Window::Situation;
            }
            Some(Event::OpenVoucher(number)) => {
                self.open_window(Window::Vouchers);
                let _ = self.update(Message::Vouchers(vouchers::Message::OpenNumber(number)));
            }
            None => {}
        }
    }

    /// Applique un message. Si une zone d'enregistrement a demandé la boîte du système
    /// (« Parcourir… »), la lance dans une tâche qui renverra le même message, le chemin
    /// choisi dans sa `Slot` (voir `widget::browse`).
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let copy = message.clone();
        let task = self.dispatch(message);
        match browse::take_request() {
            Some((slot, request)) => {
                let dialog = browse::task(request, move |picked| {
                    slot.fill(picked);
                    copy
                });
                Task::batch([task, dialog])
            }
            None => task,
        }
    }

    /// Transmet un message à la fenêtre concernée (ou le traite ici).
    fn dispatch(&mut self, message: Message) -> Task<Message> {
        // un message pour une fenêtre du grand livre la trouve à jour, même fermée
        match &message {
            Message::Notices(_) => self.refresh_if_stale(Window::Notices),
            Message::Payments(_) => self.refresh_if_stale(Window::Payments),
            Message::Unpaid(_) => self.refresh_if_stale(Window::Unpaid),
            Message::Benefits(_) => self.refresh_if_stale(Window::Benefits),
            Message::Vouchers(_) => self.refresh_if_stale(Window::Vouchers),
            Message::Balance(_) => self.refresh_if_stale(Window::Balance),
            Message::DebitRejects(_) => self.refresh_if_stale(Window::DebitRejects),
            _ => {}
        }
        let ctx = Ctx {
            db: &self.db,
            data: &self.data,
        };
        let event = match message {
            Message::Open(window) => {
                if self.is_busy() {
                    return Task::none();
                }
                self.open_window(window);
                None
            }
            Message::Buildings(m) => self.buildings.update(m, &ctx),
            Message::Units(m) => self.units.update(m, &ctx),
            Message::Tenants(m) => self.tenants.update(m, &ctx),
            Message::ThirdParties(m) => self.third_parties.update(m, &ctx),
            Message::Leases(m) => {
                let (task, event) = self.leases.update(m, &ctx);
                self.event(event);
                return task.map(Message::Leases);
            }
            Message::Notices(m) => {
                let (task, event) = self.notices.update(m, &ctx);
                self.event(event);
                return task.map(Message::Notices);
            }
            Message::Payments(m) => {
                let (task, event) = self.payments.update(m, &ctx);
                self.event(event);
                return task.map(Message::Payments);
            }
            Message::Unpaid(m) => self.unpaid.update(m, &ctx),
            Message::Benefits(m) => self.benefits.update(m),
            Message::Debits(m) => {
                let (task, event) = self.debits.update(m, &ctx);
                self.event(event);
                return task.map(Message::Debits);
            }
            Message::DebitRejects(m) => self.debit_rejects.update(m),
            Message::Situation(m) => {
                self.situation.update(m, &ctx);
                None
            }
            Message::Vouchers(m) => self.vouchers.update(m, &ctx),
            Message::Balance(m) => self.balance.update(m, &ctx),
            Message::Catalogues(m) => self.catalogues.update(m, &ctx),
            Message::Database(m) => {
                let (task, action) = self.database.update(m, &ctx);
                match action {
                    Some(database::Action::Open(path)) => self.switch(path, None),
                    Some(database::Action::SwitchLandlord(code)) => {
                        let path = self.db.path.clone();
                        self.switch(path, Some(code));
                    }
                    None => {}
                }
                return task.map(Message::Database);
            }
            Message::Shortcut(shortcut) => return self.shortcut(shortcut),
            Message::Modifiers(modifiers) => {
                fn m<C, X>(modifiers: Modifiers) -> records::Message<C, X> {
                    records::Message::List(super::widget::table::Message::Modifiers(modifiers))
                }
                match self.window {
                    Window::Buildings => self.buildings.update(m(modifiers), &ctx),
                    Window::Units => self.units.update(m(modifiers), &ctx),
                    Window::Tenants => self.tenants.update(m(modifiers), &ctx),
                    Window::ThirdParties => self.third_parties.update(m(modifiers), &ctx),
                    Window::Leases => {
                        self.leases
                            .update(
                                leases::Message::List(super::widget::table::Message::Modifiers(
                                    modifiers,
                                )),
                                &ctx,
                            )
                            .1
                    }
                    Window::Notices => {
                        self.notices
                            .update(
                                notices::Message::List(super::widget::table::Message::Modifiers(
                                    modifiers,
                                )),
                                &ctx,
                            )
                            .1
                    }
                    _ => None,
                }
            }
            Message::CloseRequested => {
                if self.has_unsaved() || self.is_busy() {
                    self.quitting = true;
                    return Task::none();
                }
                return iced::exit();
            }
            Message::Quit(confirmed) => {
                self.quitting = false;
                if confirmed && !self.is_busy() {
                    return iced::exit();
                }
                None
            }
            Message::Menu(_) | Message::Pick(..) | Message::Backup(_) => {
                return self.menu_message(message)
            }
            Message::Revision(m) => return self.revision_message(m),
            Message::Transfer(_) | Message::Merge(_) => return self.move_message(message),
        };
        self.event(event);
        Task::none()
    }

    /// Un raccourci clavier : ferme d'abord le menu déroulé ou la boîte ouverte, puis
    /// passe à la fenêtre ouverte.
    fn shortcut(&mut self, shortcut: Shortcut) -> Task<Message> {
        if self.menu.is_some() {
            // Échap ferme le menu ; les autres touches le ferment et agissent
            self.menu = None;
            if shortcut == Shortcut::Escape {
                return Task::none();
            }
        }
        if self.backup.is_some() {
            if shortcut == Shortcut::Escape {
                self.backup = None;
            }
            return Task::none();
        }
        if self.revision.is_some() {
            if shortcut == Shortcut::Escape {
                let close = revision::Message::Treatment(treatment::Message::Close);
                return self.revision_message(close);
            }
            return Task::none();
        }
        if self.transfer.is_some() || self.merge.is_some() {
            if shortcut == Shortcut::Escape {
                let close = treatment::Message::Close;
                return match self.transfer {
                    Some(_) => {
                        self.move_message(Message::Transfer(transfer::Message::Treatment(close)))
                    }
                    None => self.move_message(Message::Merge(merge::Message::Treatment(close))),
                };
            }
            return Task::none();
        }
        if self.is_busy() {
            return Task::none();
        }
        if self.quitting {
            return match shortcut {
                Shortcut::Escape => self.update(Message::Quit(false)),
                Shortcut::Enter => self.update(Message::Quit(true)),
                _ => Task::none(),
            };
        }
        match self.shortcut_message(shortcut) {
            Some(message) => {
                let task = self.update(message);
                if matches!(shortcut, Shortcut::Move(..)) {
                    Task::batch([task, self.follow()])
                } else {
                    task
                }
            }
            None => Task::none(),
        }
    }

    /// Barre de menus : menu déroulé, entrée choisie, boîte de la copie de la base.
    fn menu_message(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Menu(open) => self.menu = open,
            Message::Pick(window, message) => {
                self.menu = None;
                if let Some(window) = window {
                    if self.is_busy() {
                        return Task::none();
                    }
                    self.open_window(window);
                }
                return self.dispatch(*message);
            }
            Message::Backup(m) => {
                let db = &self.db;
                let save_box = self.backup.get_or_insert_with(|| {
                    let mut save_box = SaveBox::new();
                    save_box.update(save::Message::Open(menus::backup_path(db)));
                    save_box
                });
                if !menus::backup(save_box, m, db) {
                    self.backup = None;
                }
            }
            _ => {}
        }
        Task::none()
    }

    /// Boîte « Réviser les loyers… » : ouverte sur le lot de la fiche ouverte ou choisie
    /// (lot, ou lot de la location), sinon sur tous ; ses messages vont à `screen::revision`.
    fn revision_message(&mut self, message: revision::Message) -> Task<Message> {
        if matches!(message, revision::Message::Open) {
            if self.is_busy() {
                return Task::none();
            }
            // la fiche ouverte, sinon la ligne choisie de la liste
            let chosen = match self.window {
                Window::Units => self
                    .units
                    .form()
                    .and_then(|f| f.reference())
                    .or_else(|| self.units.table().selected().map(|u| u.reference.as_str()))
                    .map(revision::Chosen::Unit),
                Window::Leases => self
                    .leases
                    .current()
                    .or_else(|| self.leases.table().selected().map(|l| l.reference.as_str()))
                    .map(revision::Chosen::Lease),
                _ => None,
            };
            let units = revision::units_of(chosen, &self.data);
            self.revision = Some(revision::RentRevision::new(&units, self.db.today));
            return Task::none();
        }
        let ctx = Ctx {
            db: &self.db,
            data: &self.data,
        };
        let (task, event) = revision::update(&mut self.revision, message, &ctx);
        self.event(event);
        task.map(Message::Revision)
    }

    /// Boîtes « Mutation… » (sur la location ouverte ou choisie) et « Fusionner
    /// locataire… » (fiche gardée : le locataire ouvert ou choisi) ; leurs messages vont à
    /// `screen::transfer` et `screen::merge`.
    fn move_message(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Transfer(transfer::Message::Open) if !self.is_busy() => {
                let lease = self
                    .leases
                    .current()
                    .or_else(|| self.leases.table().selected().map(|l| l.reference.as_str()))
                    .unwrap_or_default();
                self.transfer = Some(transfer::TransferDialog::new(lease, self.db.today));
            }
            Message::Merge(merge::Message::Open) if !self.is_busy() => {
                let kept = self
                    .tenants
                    .form()
                    .and_then(|f| f.reference())
                    .or_else(|| {
                        self.tenants
                            .table()
                            .selected()
                            .map(|t| t.reference.as_str())
                    })
                    .unwrap_or_default();
                self.merge = Some(merge::MergeDialog::new(kept));
            }
            Message::Transfer(m) => {
                let ctx = Ctx {
                    db: &self.db,
                    data: &self.data,
                };
                let (task, event) = transfer::update(&mut self.transfer, m, &ctx);
                self.event(event);
                return task.map(Message::Transfer);
            }
            Message::Merge(m) => {
                let ctx = Ctx {
                    db: &self.db,
                    data: &self.data,
                };
                let (task, event) = merge::update(&mut self.merge, m, &ctx);
                self.event(event);
                return task.map(Message::Merge);
            }
            _ => {}
        }
        Task::none()
    }

    /// Actions de démarrage des boîtes de mutation et de fusion : « mutation » ouvre la
    /// boîte, « mutation:LOT:DÉBUT:DÉPÔT » la remplit et lance la simulation ;
    /// « fusion:GARDÉE:ABSORBÉE » de même pour la fusion.
    fn perform_move(&mut self, action: &str) -> Option<Task<Message>> {
        use super::widget::treatment::Message as T;
        let mut parts = action.split(':');
        match parts.next()? {
            "mutation" => {
                use transfer::{Field, Message as M};
                let _ = self.move_message(Message::Transfer(M::Open));
                let fields = [Field::Unit, Field::Start, Field::Deposit];
                let mut typed = false;
                for (field, value) in fields.into_iter().zip(parts) {
                    let input = M::Input(field, value.to_string());
                    let _ = self.move_message(Message::Transfer(input));
                    typed = true;
                }
                Some(match typed {
                    true => self.move_message(Message::Transfer(M::Treatment(T::Run))),
                    false => Task::none(),
                })
            }
            "fusion" => {
                use merge::{Field, Message as M};
                let _ = self.move_message(Message::Merge(M::Open));
                for (field, value) in [Field::Kept, Field::Absorbed].into_iter().zip(parts) {
                    let _ = self.move_message(Message::Merge(M::Input(field, value.to_string())));
                }
                Some(self.move_message(Message::Merge(M::Treatment(T::Run))))
            }
            _ => None,
        }
    }

    /// Le message d'un raccourci dans la fenêtre ouverte.
    fn shortcut_message(&self, shortcut: Shortcut) -> Option<Message> {
        match self.window {
            Window::Buildings => self.buildings.shortcut(shortcut).map(Message::Buildings),
            Window::Units => self.units.shortcut(shortcut).map(Message::Units),
            Window::Tenants => self.tenants.shortcut(shortcut).map(Message::Tenants),
            Window::ThirdParties => self
                .third_parties
                .shortcut(shortcut)
                .map(Message::ThirdParties),
            Window::Leases => self.leases.shortcut(shortcut).map(Message::Leases),
            Window::Notices => self.notices.shortcut(shortcut).map(Message::Notices),
            Window::Payments => self.payments.shortcut(shortcut).map(Message::Payments),
            Window::Unpaid => self.unpaid.shortcut(shortcut).map(Message::Unpaid),
            Window::Benefits => self.benefits.shortcut(shortcut).map(Message::Benefits),
            Window::Debits => self.debits.shortcut(shortcut).map(Message::Debits),
            Window::DebitRejects => self
                .debit_rejects
                .shortcut(shortcut)
                .map(Message::DebitRejects),
            Window::Vouchers => self.vouchers.shortcut(shortcut).map(Message::Vouchers),
            Window::Balance => self.balance.shortcut(shortcut).map(Message::Balance),
            Window::Catalogue(which) => self
                .catalogues
                .shortcut(which, shortcut)
                .map(Message::Catalogues),
            _ => None,
        }
    }

    /// Fait défiler la liste de la fenêtre ouverte jusqu'à sa ligne courante (après un
    /// déplacement au clavier).
    fn follow(&mut self) -> Task<Message> {
        match self.window {
            Window::Buildings => self.buildings.follow(),
            Window::Units => self.units.follow(),
            Window::Tenants => self.tenants.follow(),
            Window::ThirdParties => self.third_parties.follow(),
            Window::Leases => self.leases.follow(),
            Window::Notices => self.notices.follow(),
            Window::Payments => self.payments.follow(),
            Window::Unpaid => self.unpaid.follow(),
            Window::Benefits => self.benefits.follow(),
            Window::Debits => self.debits.follow(),
            Window::DebitRejects => self.debit_rejects.follow(),
            Window::Vouchers => self.vouchers.follow(),
            Window::Balance => self.balance.follow(),
            Window::Catalogue(which) => self.catalogues.follow(which),
            Window::Situation | Window::Database => Task::none(),
        }
    }

    /// Raccourcis clavier, touches de modification et demande de fermeture.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            event::listen_with(keyboard_message),
            iced::window::close_requests().map(|_| Message::CloseRequested),
        ])
    }

    pub fn view(&self) -> Element<'_, Message> {
        let ctx = Ctx {
            db: &self.db,
            data: &self.data,
        };
        let screen = match self.window {
            Window::Buildings => self.buildings.view(&self.data).map(Message::Buildings),
            Window::Units => self.units.view(&self.data).map(Message::Units),
            Window::Tenants => self.tenants.view(&self.data).map(Message::Tenants),
            Window::ThirdParties => self
                .third_parties
                .view(&self.data)
                .map(Message::ThirdParties),
            Window::Leases => self.leases.view(&self.data).map(Message::Leases),
            Window::Notices => self.notices.view().map(Message::Notices),
            Window::Payments => self.payments.view().map(Message::Payments),
            Window::Unpaid => self.unpaid.view().map(Message::Unpaid),
            Window::Benefits => self.benefits.view().map(Message::Benefits),
            Window::Situation => self.situation.view().map(Message::Situation),
            Window::Vouchers => self.vouchers.view().map(Message::Vouchers),
            Window::Balance => self.balance.view().map(Message::Balance),
            Window::Catalogue(which) => self.catalogues.view(which).map(Message::Catalogues),
            Window::Database => self.database.view(&ctx).map(Message::Database),
            Window::Debits => self.debits.view().map(Message::Debits),
            Window::DebitRejects => self.debit_rejects.view().map(Message::DebitRejects),
        };
        let work = container(screen)
            .padding(theme::SPACE_XL)
            .width(Length::Fill)
            .height(Length::Fill)
            .style(theme::page);
        let menus = menus::menus();
        let bar = menu::bar(&menus, self.menu, Message::Menu);
        let mut content: Element<'_, Message> = row![self.sidebar(), work].into();
        if let Some(open) = self.menu {
            content = menu::dropdown(content, menus, open, Message::Menu(None));
        }
        let base: Element<'_, Message> = column![
            bar,
            container(content).height(Length::Fill),
            self.status_bar()
        ]
        .into();
        if let Some(save_box) = &self.backup {
            return modal(base, menus::backup_dialog(save_box));
        }
        if let Some(dialog) = &self.revision {
            return modal(base, dialog.view().map(Message::Revision));
        }
        if let Some(dialog) = &self.transfer {
            return modal(base, dialog.view().map(Message::Transfer));
        }
        if let Some(dialog) = &self.merge {
            return modal(base, dialog.view().map(Message::Merge));
        }
        if self.quitting {
            let dialog = column![
                text(if self.is_busy() {
                    wording::QUIT_WHILE_BUSY
                } else {
                    wording::QUIT_UNSAVED
                })
                .size(theme::TEXT_BODY),
                row![
                    Space::new().width(Length::Fill),
                    tool_button(
                        wording::CANCEL,
                        Some(Message::Quit(false)),
                        theme::secondary_button
                    ),
                    tool_button(
                        wording::QUIT_YES,
                        (!self.is_busy()).then_some(Message::Quit(true)),
                        theme::danger_button
                    ),
                ]
                .spacing(theme::SPACE_S)
            ]
            .spacing(theme::SPACE_L);
            modal(base, dialog.into())
        } else {
            base
        }
    }

    fn count(&self, window: Window) -> Option<usize> {
        // une fenêtre du grand livre pas encore relue n'a pas de nombre juste à montrer
        if self.stale.contains(&window) {
            return None;
        }
        Some(match window {
            Window::Buildings => self.buildings.total(),
            Window::Units => self.units.total(),
            Window::Tenants => self.tenants.total(),
            Window::ThirdParties => self.third_parties.total(),
            Window::Leases => self.leases.total(),
            Window::Notices => self.notices.total(),
            Window::Vouchers => self.vouchers.total(),
            Window::Catalogue(which) => self.catalogues.total(which),
            Window::Unpaid => self.unpaid.total(),
            Window::Benefits => self.benefits.total(),
            Window::Debits => self.debits.total(),
            Window::DebitRejects => self.debit_rejects.total(),
            Window::Payments | Window::Situation | Window::Balance | Window::Database => {
                return None
            }
        })
    }

    fn sidebar_item(&self, window: Window) -> Element<'_, Message> {
        let mut label = row![
            text(window.title()).size(theme::TEXT_BODY),
            Space::new().width(Length::Fill),
        ]
        .align_y(Alignment::Center);
        if let Some(count) = self.count(window) {
            label = label.push(text(count.to_string()).size(theme::TEXT_SMALL));
        }
        button(label)
            .on_press(Message::Open(window))
            .padding([theme::SPACE_XS + 1.0, theme::SPACE_M])
            .width(Length::Fill)
            .style(theme::sidebar_item(window == self.window))
            .into()
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let mut items = Column::new().spacing(2.0);
        for (title, windows) in Window::SECTIONS {
            items = items.push(
                container(
                    text(title)
                        .size(theme::TEXT_SMALL)
                        .font(theme::FONT_BOLD)
                        .style(theme::sidebar_section),
                )
                .padding([theme::SPACE_S, theme::SPACE_XS]),
            );
            for window in windows {
                items = items.push(self.sidebar_item(*window));
            }
        }
        let content = column![
            text(wording::APP_NAME)
                .font(theme::FONT_BOLD)
                .size(theme::TEXT_TITLE),
            text(self.landlord_name.as_str()).size(theme::TEXT_SMALL),
            Space::new().height(theme::SPACE_S),
            scrollable(items).height(Length::Fill),
            self.sidebar_item(Window::Database),
        ]
        .spacing(theme::SPACE_XS);
        container(content)
            .padding(theme::SPACE_L)
            .width(theme::SIDEBAR_WIDTH)
            .height(Length::Fill)
            .style(theme::sidebar)
            .into()
    }

    fn status_bar(&self) -> Element<'_, Message> {
        let mut parts = vec![
            wording::status_landlord(&self.landlord_name, &self.db.session.landlord_code),
            wording::status_database(&self.db.path),
            wording::status_date(&format_date(self.db.today)),
        ];
        if let Some(reference) = &self.selection {
            parts.push(wording::status_selected(reference));
        }
        let mut items: Vec<Element<'_, Message>> = parts
            .into_iter()
            .map(|part| text(part).size(theme::TEXT_SMALL).into())
            .collect();
        if let Some(error) = &self.error {
            items.push(
                text(error.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text)
                    .into(),
            );
        }
        items.push(Space::new().width(Length::Fill).into());
        items.push(
            text(wording::SHORTCUTS_HINT)
                .size(theme::TEXT_SMALL)
                .wrapping(text::Wrapping::None)
                .into(),
        );
        container(
            row(items)
                .spacing(theme::SPACE_XL)
                .align_y(Alignment::Center),
        )
        .padding([theme::SPACE_XS, theme::SPACE_L])
        .width(Length::Fill)
        .style(theme::status_bar)
        .into()
    }
}

/// Traduit les événements clavier en messages : Ctrl+N et Ctrl+S partout ; Suppr, Échap,
/// Entrée, flèches, Début, Fin, Page préc./suiv. seulement quand aucune zone de saisie ne
/// les a pris. iced ne dit pas si une zone de saisie a le focus quand elle laisse passer
/// une touche (les flèches haut et bas) : ce sont les fenêtres qui ignorent les
/// déplacements quand une fiche ou une boîte est ouverte.
pub fn keyboard_message(
    event: RuntimeEvent,
    status: event::Status,
    _window: iced::window::Id,
) -> Option<Message> {
    match event {
        RuntimeEvent::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
            // Alt+F : le menu Fichier
            if modifiers.alt()
                && matches!(key.as_ref(), Key::Character(c) if c.eq_ignore_ascii_case("f"))
            {
                return Some(Message::Menu(Some(0)));
            }
            if modifiers.command() {
                return match key.as_ref() {
                    Key::Character(c) if c.eq_ignore_ascii_case("n") => {
                        Some(Message::Shortcut(Shortcut::New))
                    }
                    Key::Character(c) if c.eq_ignore_ascii_case("s") => {
                        Some(Message::Shortcut(Shortcut::Save))
                    }
                    _ => None,
                };
            }
            if status == event::Status::Captured {
                return None;
            }
            let step =
                |step: Move| Some(Message::Shortcut(Shortcut::Move(step, modifiers.shift())));
            match key.as_ref() {
                Key::Named(Named::Delete) => Some(Message::Shortcut(Shortcut::Delete)),
                Key::Named(Named::Escape) => Some(Message::Shortcut(Shortcut::Escape)),
                Key::Named(Named::Enter) => Some(Message::Shortcut(Shortcut::Enter)),
                Key::Named(Named::ArrowUp) => step(Move::Up),
                Key::Named(Named::ArrowDown) => step(Move::Down),
                Key::Named(Named::PageUp) => step(Move::PageUp),
                Key::Named(Named::PageDown) => step(Move::PageDown),
                Key::Named(Named::Home) => step(Move::Home),
                Key::Named(Named::End) => step(Move::End),
                _ => None,
            }
        }
        RuntimeEvent::Keyboard(keyboard::Event::ModifiersChanged(modifiers)) => {
            Some(Message::Modifiers(modifiers))
        }
        _ => None,
    }
}

/// Réglages d'iced : polices embarquées et police par défaut.
pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![
            theme::FONT_REGULAR_BYTES.into(),
            theme::FONT_BOLD_BYTES.into(),
        ],
        default_font: theme::FONT,
        default_text_size: theme::TEXT_BODY.into(),
        ..iced::Settings::default()
    }
}

/// Refuse de démarrer sans serveur d'affichage (iced paniquerait) : à vérifier avant de
/// toucher à la base.
pub fn check_display() -> Result<(), String> {
    if cfg!(all(unix, not(target_os = "macos")))
        && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
    {
        return Err(wording::NO_DISPLAY.to_string());
    }
    Ok(())
}

/// Ouvre la fenêtre et rend la main quand elle est fermée ; `startup` est la tâche
/// lancée au démarrage (une action de `App::perform`, ou aucune).
pub fn run(app: App, startup: Task<Message>) -> Result<(), String> {
    check_display()?;
    let slot = Cell::new(Some((app, startup)));
    let boot = move || {
        // ok: iced 0.14 appelle `boot` une seule fois (iced_program::Instance::new) ; le
        // rechargement à chaud, qui le rappellerait, n'est pas activé.
        slot.take()
            .expect("l'application est démarrée une seule fois")
    };
    let application = iced::application(boot, App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .exit_on_close_request(false)
        .settings(settings())
        .window_size((theme::WINDOW_WIDTH, theme::WINDOW_HEIGHT));
    // iced panique si le serveur X ou ses bibliothèques manquent : on le dit en français,
    // avec le détail technique, plutôt que de laisser s'afficher la trace de la panique.
    // Les paniques d'autres fils (tâches de fond) restent affichées telles quelles.
    static PANIC: Mutex<Option<String>> = Mutex::new(None);
    let window_thread = std::thread::current().id();
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != window_thread {
            eprintln!("abri : {info}");
            return;
        }
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if let Ok(mut slot) = PANIC.lock() {
            slot.get_or_insert(payload);
        }
    }));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| application.run()));
    std::panic::set_hook(previous_hook);
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(error)) => Err(wording::gui_failed(match error {
            iced::Error::ExecutorCreationFailed(_) => wording::EXECUTOR_FAILED,
            iced::Error::WindowCreationFailed(_) => wording::WINDOW_FAILED,
            iced::Error::GraphicsCreationFailed(_) => wording::GRAPHICS_FAILED,
        })),
        Err(_) => {
            let detail = PANIC
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .unwrap_or_default();
            Err(wording::gui_crashed(&detail))
        }
    }
}
