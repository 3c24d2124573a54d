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
use crate::model::{Gestion, RevisionOwner};
use crate::treatments::revision::preview;

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
        let terms = self
            .terms
            .as_ref()
            .filter(|t| t.owner == RevisionOwner::Lease(reference.to_string()))
            .map(|t| t.view().map(Message::Terms));
        column![
            next_revision(reference, data),
            column(terms),
            lines,
            text(wording::REVISION_HINT)
                .size(theme::TEXT_SMALL)
                .style(theme::muted_text)
        ]
        .spacing(theme::SPACE_M)
        .into()
    }
}

/// Conditions de révision de la location, date de la prochaine révision et loyer attendu
/// (rubriques LO en cours à cette date, révisées par les indices du catalogue).
fn next_revision<'a>(reference: &str, data: &'a Data) -> Element<'a, Message> {
    let owner = RevisionOwner::Lease(reference.to_string());
    let terms = data.revision_terms.iter().find(|t| t.owner == owner);
    let lease = data.leases.iter().find(|l| l.reference == reference);
    let (Some(terms), Some(lease)) = (terms, lease) else {
        return text(wording::REVISION_NO_TERMS)
            .size(theme::TEXT_BODY)
            .style(theme::muted_text)
            .into();
    };
    let rent: crate::model::Money = data
        .lease_items
        .iter()
        .filter(|i| i.lease == reference && i.item_type == "LO" && i.active)
        .map(|i| {
            i.amount_at(
                terms
                    .next_revision(lease.start_date)
                    .unwrap_or(lease.start_date),
            )
        })
        .sum();
    let shown = preview(terms, lease.start_date, &data.indices, rent);
    let expected = match &shown.expected {
        Ok((pair, amount)) => wording::revision_expected(
            &format_money(rent),
            &format_money(*amount),
            &format!("{} {}", pair.series.code(), pair.to),
            &format_money(pair.to_value),
        ),
        Err(reason) => wording::revision_unknown(reason),
    };
    let reference_index = match terms.reference {
        Some(q) => format!(
            "{} {q} = {}",
            terms.series.code(),
            format_money(terms.reference_value)
        ),
        None => wording::REVISION_NO_INDEX.to_string(),
    };
    column![
        text(wording::revision_terms_line(
            &reference_index,
            &terms.last_revision.map(format_date).unwrap_or_default(),
            &shown.due.map(format_date).unwrap_or_default(),
            terms.auto,
        ))
        .size(theme::TEXT_BODY),
        text(expected).size(theme::TEXT_BODY),
    ]
    .spacing(theme::SPACE_XS)
    .into()
}
