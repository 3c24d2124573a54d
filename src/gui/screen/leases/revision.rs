//! Onglet Révision de la fiche : les rubriques de loyer et leur dernière révision.

use iced::widget::{column, row, text, Column as Col};
use iced::Length;

use super::{Leases, Message};
use crate::gui::screen::Data;
use crate::gui::widget::form::Form;
use crate::gui::widget::Element;
use crate::gui::{text as wording, theme};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::Gestion;

impl Leases {
    /// Onglet Révision : les rubriques de loyer et leur dernière révision.
    pub(super) fn revision_view<'a>(
        &'a self,
        form: &'a Form,
        data: &'a Data,
    ) -> Element<'a, Message> {
        let Some(reference) = form.reference() else {
            return text(wording::REVISION_AFTER_SAVE)
                .size(theme::TEXT_BODY)
                .style(theme::muted_text)
                .into();
        };
        let cell = |s: String, w: u16| text(s).size(theme::TEXT_BODY).width(Length::FillPortion(w));
        let mut lines = Col::new().spacing(theme::SPACE_XS).push(
            row![
                cell(wording::F_ITEM.to_string(), 4).font(theme::FONT_BOLD),
                cell(wording::F_INITIAL.to_string(), 2).font(theme::FONT_BOLD),
                cell(wording::F_REVISED.to_string(), 2).font(theme::FONT_BOLD),
                cell(wording::F_REVISION_DATE.to_string(), 2).font(theme::FONT_BOLD),
                cell(wording::F_TO_INCREASE.to_string(), 1).font(theme::FONT_BOLD),
            ]
            .spacing(theme::SPACE_S),
        );
        for item in data
            .lease_items
            .iter()
            .filter(|i| i.lease == reference && i.gestion == Gestion::Rent)
        {
            lines = lines.push(
                row![
                    cell(item.item.clone(), 4),
                    cell(format_money(item.initial_amount), 2),
                    cell(format_money(item.revised_amount), 2),
                    cell(item.revision_date.map(format_date).unwrap_or_default(), 2),
                    cell(wording::yes_no(item.to_increase).to_string(), 1),
                ]
                .spacing(theme::SPACE_S),
            );
        }
        column![
            lines,
            text(wording::REVISION_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text)
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}
