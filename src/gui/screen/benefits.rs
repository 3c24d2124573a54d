//! Fenêtre « Synthèse allocations logement » (manuel : « Consultation des situations
//! CAF ») : par allocation logement de locataire, le dernier état CAF reçu
//! (`treatments::caf::synthesis`) et la date de sortie, les colonnes de la liste du
//! manuel (le nom du locataire est dans sa fiche et au survol de sa situation). Un double-clic ouvre la
//! situation des comptes du locataire.

use iced::widget::{column, text};

use super::{Ctx, Event, Shortcut};
use crate::formats::caf::{gestion_label, status_label};
use crate::gui::widget::table::{self, Order, Table};
use crate::gui::widget::{form, Element};
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::store::{CafStatus, StoreError};
use crate::treatments::caf::{synthesis, SynthesisRow};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Tenant,
    Claimant,
    FileDate,
    Payer,
    Nature,
    Status,
    Gestion,
    Amount,
    MoveOut,
}

/// Un champ du dernier état CAF, vide sans état.
fn of(r: &SynthesisRow, f: impl Fn(&CafStatus) -> String) -> String {
    r.status.as_ref().map(f).unwrap_or_default()
}

fn columns() -> Vec<table::Column<SynthesisRow, Column>> {
    vec![
        table::Column::text(Column::Tenant, wording::COL_TENANT, 14, |r| &r.tenant),
        table::Column::text(Column::Claimant, "Allocataire", 18, |r| &r.claimant_no),
        table::Column::computed(
            Column::FileDate,
            "Fichier du",
            18,
            false,
            |r| of(r, |s| format_date(s.file_date)),
            |a, b| {
                let date = |r: &SynthesisRow| r.status.as_ref().map(|s| s.file_date);
                date(a).cmp(&date(b))
            },
        ),
        table::Column::computed(
            Column::Payer,
            "Payeur",
            12,
            false,
            |r| of(r, |s| s.payer.clone()),
            |a, b| of(a, |s| s.payer.clone()).cmp(&of(b, |s| s.payer.clone())),
        ),
        table::Column::computed(
            Column::Nature,
            "Nature",
            10,
            false,
            |r| of(r, |s| s.nature.clone()),
            |a, b| of(a, |s| s.nature.clone()).cmp(&of(b, |s| s.nature.clone())),
        ),
        table::Column::computed(
            Column::Status,
            "Statut",
            40,
            false,
            |r| of(r, |s| status_label(&s.status).to_string()),
            |a, b| of(a, |s| s.status.clone()).cmp(&of(b, |s| s.status.clone())),
        ),
        table::Column::computed(
            Column::Gestion,
            "Gestion",
            22,
            false,
            |r| of(r, |s| gestion_label(&s.gestion).to_string()),
            |a, b| of(a, |s| s.gestion.clone()).cmp(&of(b, |s| s.gestion.clone())),
        ),
        table::Column::computed(
            Column::Amount,
            "Montant",
            20,
            true,
            |r| of(r, |s| format_money(s.amount)),
            |a, b| {
                let amount = |r: &SynthesisRow| r.status.as_ref().map(|s| s.amount);
                amount(a).cmp(&amount(b))
            },
        )
        .plain(|r| of(r, |s| format_money_plain(s.amount))),
        table::Column::computed(
            Column::MoveOut,
            "Sortie",
            18,
            false,
            |r| r.move_out.map(format_date).unwrap_or_default(),
            |a, b| a.move_out.cmp(&b.move_out),
        ),
    ]
}

pub const FILTER_ID: &str = "filtre-allocations";

#[derive(Debug, Clone)]
pub enum Message {
    List(table::Message<Column>),
}

/// La fenêtre.
pub struct Benefits {
    table: Table<SynthesisRow, Column>,
    error: Option<String>,
}

impl Benefits {
    /// La fenêtre sans ses données, lues à son ouverture (`reload`).
    pub fn unloaded() -> Self {
        Benefits {
            table: Table::new(
                columns(),
                Vec::new(),
                Some((Column::Tenant, Order::Ascending)),
                FILTER_ID,
                "allocations",
            ),
            error: None,
        }
    }

    pub fn table(&self) -> &Table<SynthesisRow, Column> {
        &self.table
    }

    pub fn total(&self) -> usize {
        self.table.rows().len()
    }

    /// Défilement de la liste demandé par un déplacement au clavier.
    pub fn follow<M: Send + 'static>(&mut self) -> iced::Task<M> {
        self.table.take_scroll()
    }

    /// Relit les allocations, les locations et les derniers états CAF.
    pub fn reload(&mut self, ctx: &Ctx) {
        let rows = ctx.db.read(|repo| {
            Ok::<_, StoreError>(synthesis(
                &repo.tenants()?,
                &repo.leases()?,
                &repo.caf_statuses()?,
                None,
            ))
        });
        match rows {
            Ok(rows) => {
                self.table.set_rows(rows);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Les flèches déplacent la ligne courante ; Entrée ouvre la situation du locataire.
    pub fn shortcut(&self, shortcut: Shortcut) -> Option<Message> {
        crate::gui::widget::shortcut::list_only(shortcut).map(Message::List)
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        let Message::List(m) = message;
        match self.table.update(m)? {
            table::Event::Query => None,
            table::Event::Selected(i) => {
                self.table.row(i).map(|r| Event::Selected(r.tenant.clone()))
            }
            table::Event::Open(i) => self
                .table
                .row(i)
                .map(|r| Event::OpenSituation(r.tenant.clone())),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![text(TITLE).font(theme::FONT_BOLD).size(theme::TEXT_TITLE)]
            .spacing(theme::SPACE_M);
        if let Some(e) = &self.error {
            page = page.push(form::banner(e.as_str(), theme::error_banner));
        }
        page.push(self.table.view().map(Message::List)).into()
    }
}

/// Titre de la fenêtre (et de son entrée dans la barre latérale).
pub const TITLE: &str = "Synthèse allocations logement";
