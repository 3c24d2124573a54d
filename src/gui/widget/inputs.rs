//! Zones de saisie des dates (`jj/mm/aaaa`) et des montants (`1 234,56`), lues par les
//! fonctions du modèle (`parse_date`, `parse_money`) : la fenêtre ne connaît aucun autre
//! format. Une saisie illisible est encadrée en rouge dès la frappe, et rien n'est perdu :
//! le texte tapé reste tel quel tant qu'il n'est pas corrigé.

use chrono::NaiveDate;
use iced::widget::text_input;
use iced::{alignment, Length};

use super::Element;
use crate::gui::{text as wording, theme};
use crate::model::dates::parse_date;
use crate::model::money::parse_money;
use crate::model::Money;

/// Largeur d'une zone de date.
pub const DATE_WIDTH: f32 = 120.0;
/// Largeur d'une zone de montant.
pub const AMOUNT_WIDTH: f32 = 130.0;

/// Date facultative : vide → `None`.
pub fn opt_date(text: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(text).map(Some)
    }
}

/// Date obligatoire.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    if text.trim().is_empty() {
        Err(wording::REQUIRED.to_string())
    } else {
        parse_date(text)
    }
}

/// Montant obligatoire.
pub fn money(text: &str) -> Result<Money, String> {
    if text.trim().is_empty() {
        Err(wording::REQUIRED.to_string())
    } else {
        parse_money(text)
    }
}

/// Montant facultatif : vide → `None`.
pub fn opt_money(text: &str) -> Result<Option<Money>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_money(text).map(Some)
    }
}

/// Montant facultatif qui vaut zéro quand il est vide.
pub fn money_or_zero(text: &str) -> Result<Money, String> {
    opt_money(text).map(Option::unwrap_or_default)
}

/// Nombre entier facultatif (durée en mois, jour d'échéance…).
pub fn opt_number<T: std::str::FromStr>(text: &str) -> Result<Option<T>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<T>()
        .map(Some)
        .map_err(|_| wording::not_a_number(t))
}

/// Vrai si le texte d'une date n'est ni vide ni lisible.
pub fn date_is_invalid(text: &str) -> bool {
    opt_date(text).is_err()
}

/// Vrai si le texte d'un montant n'est ni vide ni lisible.
pub fn money_is_invalid(text: &str) -> bool {
    opt_money(text).is_err()
}

/// Zone de saisie d'une date ; sans `on_input`, elle est en lecture seule.
pub fn date_input<'a, M: Clone + 'a>(
    value: &'a str,
    invalid: bool,
    on_input: Option<Box<dyn Fn(String) -> M + 'a>>,
) -> Element<'a, M> {
    text_input(wording::DATE_PLACEHOLDER, value)
        .on_input_maybe(on_input)
        .padding(theme::SPACE_XS + 2.0)
        .size(theme::TEXT_BODY)
        .width(DATE_WIDTH)
        .style(theme::field_input(invalid || date_is_invalid(value)))
        .into()
}

/// Zone de saisie d'un montant, alignée à droite ; sans `on_input`, en lecture seule.
pub fn amount_input<'a, M: Clone + 'a>(
    value: &'a str,
    invalid: bool,
    on_input: Option<Box<dyn Fn(String) -> M + 'a>>,
) -> Element<'a, M> {
    text_input(wording::AMOUNT_PLACEHOLDER, value)
        .on_input_maybe(on_input)
        .padding(theme::SPACE_XS + 2.0)
        .size(theme::TEXT_BODY)
        .width(AMOUNT_WIDTH)
        .align_x(alignment::Horizontal::Right)
        .style(theme::field_input(invalid || money_is_invalid(value)))
        .into()
}

/// Cellule d'un tableau de détail : date, montant ou texte, sur toute la largeur de sa
/// colonne, en petit corps.
pub fn cell<'a, M: Clone + 'a>(
    kind: CellKind,
    value: &'a str,
    invalid: bool,
    on_input: Option<Box<dyn Fn(String) -> M + 'a>>,
) -> Element<'a, M> {
    let (placeholder, invalid, align) = match kind {
        CellKind::Date => (
            wording::DATE_PLACEHOLDER,
            invalid || date_is_invalid(value),
            alignment::Horizontal::Left,
        ),
        CellKind::Amount => (
            "",
            invalid || money_is_invalid(value),
            alignment::Horizontal::Right,
        ),
        CellKind::Text => ("", invalid, alignment::Horizontal::Left),
    };
    text_input(placeholder, value)
        .on_input_maybe(on_input)
        .padding(theme::SPACE_XS + 1.0)
        .size(theme::TEXT_SMALL + 1.0)
        .width(Length::Fill)
        .align_x(align)
        .style(theme::field_input(invalid))
        .into()
}

/// Nature d'une cellule de tableau.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Date,
    Amount,
    Text,
}

/// Zone de saisie de texte ordinaire.
pub fn text_field<'a, M: Clone + 'a>(
    placeholder: &str,
    value: &'a str,
    invalid: bool,
    width: Length,
    on_input: Option<Box<dyn Fn(String) -> M + 'a>>,
) -> Element<'a, M> {
    text_input(placeholder, value)
        .on_input_maybe(on_input)
        .padding(theme::SPACE_XS + 2.0)
        .size(theme::TEXT_BODY)
        .width(width)
        .style(theme::field_input(invalid))
        .into()
}

/// Zone d'un champ de recherche (lot, locataire, tiers…) : le texte tapé ; Entrée choisit
/// la première fiche proposée. `compact` : cellule d'un tableau de détail, sur toute la
/// largeur de sa colonne.
pub fn search_input<'a, M: Clone + 'a>(
    value: &str,
    invalid: bool,
    compact: bool,
    on_input: impl Fn(String) -> M + 'a,
    on_submit: M,
) -> Element<'a, M> {
    // Une cellule est trop étroite pour l'aide : elle serait coupée.
    let (placeholder, padding, size, width) = if compact {
        (
            "",
            theme::SPACE_XS + 1.0,
            theme::TEXT_SMALL + 1.0,
            Length::Fill,
        )
    } else {
        (
            wording::SEARCH_FIELD_PLACEHOLDER,
            theme::SPACE_XS + 2.0,
            theme::TEXT_BODY,
            Length::Fixed(theme::INPUT_WIDTH),
        )
    };
    text_input(placeholder, value)
        .on_input(on_input)
        .on_submit(on_submit)
        .padding(padding)
        .size(size)
        .width(width)
        .style(theme::field_input(invalid))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_french_dates_and_amounts() {
        assert_eq!(opt_date(""), Ok(None));
        assert_eq!(
            opt_date("05/03/2026"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 5))
        );
        assert!(date("").is_err());
        assert!(date_is_invalid("31/02/2026"));
        assert!(!date_is_invalid(""));
        assert_eq!(money_or_zero(""), Ok(Money::ZERO));
        assert!(money_is_invalid("douze"));
        assert_eq!(opt_number::<u32>(" 12 "), Ok(Some(12)));
        assert!(opt_number::<u32>("douze").is_err());
    }
}
