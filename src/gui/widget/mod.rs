//! Les petits widgets de l'application : liste virtualisée, formulaire, zones de date et
//! de montant, enregistrement d'un fichier, boîte de traitement, raccourcis clavier.

pub mod browse;
pub mod form;
pub mod inputs;
pub mod measure;
pub mod menu;
pub mod path;
pub mod picker;
pub mod save;
pub mod shortcut;
pub mod table;
pub mod treatment;

use iced::widget::{button, center, container, opaque, stack, text};
use iced::Length;

use crate::gui::theme;

/// L'élément d'interface de l'application (thème et rendu par défaut d'iced).
pub type Element<'a, Message> = iced::Element<'a, Message>;

/// Une boîte de dialogue au-dessus de `base`, qui bloque les clics dessous.
pub fn modal<'a, M: Clone + 'a>(base: Element<'a, M>, dialog: Element<'a, M>) -> Element<'a, M> {
    let dialog = container(dialog)
        .padding(theme::SPACE_XL)
        .max_width(theme::DIALOG_WIDTH)
        .style(theme::dialog);
    // La page remplit la zone, pour que le voile et la boîte aient toute la place.
    stack![
        container(base).width(Length::Fill).height(Length::Fill),
        opaque(
            center(dialog)
                .width(Length::Fill)
                .height(Length::Fill)
                .style(theme::backdrop)
        )
    ]
    .into()
}

/// Libellé d'un volet de sélection, au niveau de la zone qui le suit quand les zones
/// s'alignent par le haut (une zone de recherche s'allonge vers le bas quand elle propose
/// des fiches).
pub fn pane_label<'a, M: 'a>(label: &'a str) -> Element<'a, M> {
    container(text(label).size(theme::TEXT_BODY))
        .padding([theme::SPACE_XS + 2.0, 0.0])
        .into()
}

/// Bouton d'une barre d'outils.
pub fn tool_button<'a, M: Clone + 'a>(
    label: &'a str,
    message: Option<M>,
    style: fn(&iced::Theme, button::Status) -> button::Style,
) -> Element<'a, M> {
    button(text(label).size(theme::TEXT_BODY))
        .on_press_maybe(message)
        .padding([theme::SPACE_XS + 2.0, theme::SPACE_M])
        .style(style)
        .into()
}
