//! Barre de menus et menu déroulant (iced n'a pas de barre de menus native) : une rangée
//! de titres en haut de la fenêtre ; un clic ouvre le menu sous son titre, par-dessus la
//! page. Un clic hors du menu le ferme (le voile transparent qui couvre la page prend le
//! clic), Échap aussi (c'est l'application qui le traduit). Tant qu'un menu est ouvert,
//! survoler un autre titre ouvre le sien, comme dans les menus des systèmes.
//!
//! Les titres ont la largeur mesurée de leur texte : la position du menu ouvert se
//! calcule donc sans relire la mise en page.

use iced::widget::{button, column, container, mouse_area, opaque, pin, row, stack, text, Space};
use iced::{Alignment, Length};

use super::measure::text_width;
use super::Element;
use crate::gui::theme;

/// Hauteur de la barre de menus.
pub const BAR_HEIGHT: f32 = 28.0;
/// Marge de chaque côté d'un titre de la barre.
const TITLE_PADDING: f32 = theme::SPACE_M;
/// Marge de chaque côté d'une entrée du menu.
const ENTRY_PADDING: f32 = theme::SPACE_M;
/// Retrait d'une entrée placée sous une autre (traitement d'une fenêtre).
const INDENT: f32 = theme::SPACE_L;
/// Largeur minimale d'un menu ouvert.
const MIN_WIDTH: f32 = 200.0;

/// Une ligne d'un menu.
#[derive(Debug, Clone)]
pub enum Item<'a, M> {
    /// Entrée : son libellé, son message (`None` : grisée), et si elle est en retrait sous
    /// la précédente.
    Entry {
        label: &'a str,
        message: Option<M>,
        indented: bool,
    },
    /// Trait de séparation.
    Separator,
}

impl<'a, M> Item<'a, M> {
    pub fn entry(label: &'a str, message: M) -> Self {
        Item::Entry {
            label,
            message: Some(message),
            indented: false,
        }
    }

    pub fn indented(label: &'a str, message: M) -> Self {
        Item::Entry {
            label,
            message: Some(message),
            indented: true,
        }
    }
}

/// Un menu : son titre dans la barre et ses lignes.
#[derive(Debug, Clone)]
pub struct Menu<'a, M> {
    pub title: &'a str,
    pub items: Vec<Item<'a, M>>,
}

/// Largeur du titre d'un menu dans la barre.
fn title_width(title: &str) -> f32 {
    (text_width(title, theme::TEXT_BODY, false) + 2.0 * TITLE_PADDING).ceil()
}

/// Abscisse du menu `index` : la somme des titres qui le précèdent.
pub fn offset<M>(menus: &[Menu<'_, M>], index: usize) -> f32 {
    menus.iter().take(index).map(|m| title_width(m.title)).sum()
}

/// Largeur du menu ouvert : celle de sa plus longue entrée.
fn menu_width<M>(menu: &Menu<'_, M>) -> f32 {
    let widest = menu
        .items
        .iter()
        .map(|item| match item {
            Item::Entry {
                label, indented, ..
            } => text_width(label, theme::TEXT_BODY, false) + if *indented { INDENT } else { 0.0 },
            Item::Separator => 0.0,
        })
        .fold(0.0, f32::max);
    (widest + 2.0 * ENTRY_PADDING + 2.0 * theme::SPACE_XS)
        .ceil()
        .max(MIN_WIDTH)
}

/// La barre : un titre par menu ; `open` est le menu ouvert, `toggle(Some(i))` ouvre le
/// menu `i`, `toggle(None)` ferme.
pub fn bar<'a, M: Clone + 'a>(
    menus: &[Menu<'a, M>],
    open: Option<usize>,
    toggle: impl Fn(Option<usize>) -> M,
) -> Element<'a, M> {
    let mut titles = row![];
    for (index, menu) in menus.iter().enumerate() {
        let is_open = open == Some(index);
        let title = button(
            container(text(menu.title).size(theme::TEXT_BODY))
                .height(Length::Fill)
                .align_y(Alignment::Center),
        )
        .on_press(toggle((!is_open).then_some(index)))
        .padding([0.0, TITLE_PADDING])
        .width(title_width(menu.title))
        .height(Length::Fill)
        .style(theme::menu_title(is_open));
        // un autre menu est ouvert : le survol du titre ouvre celui-ci
        titles = match open {
            Some(_) if !is_open => titles.push(mouse_area(title).on_enter(toggle(Some(index)))),
            _ => titles.push(title),
        };
    }
    container(titles)
        .width(Length::Fill)
        .height(BAR_HEIGHT)
        .style(theme::menu_bar)
        .into()
}

/// `content` (ce qui est sous la barre), avec le menu `open` déroulé par-dessus, aligné
/// sur son titre ; un clic ailleurs envoie `close`.
pub fn dropdown<'a, M: Clone + 'a>(
    content: Element<'a, M>,
    menus: Vec<Menu<'a, M>>,
    open: usize,
    close: M,
) -> Element<'a, M> {
    let x = offset(&menus, open);
    let Some(menu) = menus.into_iter().nth(open) else {
        return content;
    };
    let width = menu_width(&menu);
    let mut lines = column![].width(Length::Fill);
    for item in menu.items {
        lines = lines.push(line(item));
    }
    let panel = container(lines)
        .padding(theme::SPACE_XS)
        .width(width)
        .style(theme::menu_panel);
    let backdrop =
        mouse_area(Space::new().width(Length::Fill).height(Length::Fill)).on_press(close);
    stack![
        container(content).width(Length::Fill).height(Length::Fill),
        opaque(backdrop),
        pin(opaque(panel)).x(x),
    ]
    .into()
}

/// Une ligne du menu ouvert.
fn line<'a, M: Clone + 'a>(item: Item<'a, M>) -> Element<'a, M> {
    match item {
        Item::Entry {
            label,
            message,
            indented,
        } => {
            let left = ENTRY_PADDING + if indented { INDENT } else { 0.0 };
            button(text(label).size(theme::TEXT_BODY))
                .on_press_maybe(message)
                .padding(iced::Padding {
                    top: theme::SPACE_XS + 1.0,
                    bottom: theme::SPACE_XS + 1.0,
                    left,
                    right: ENTRY_PADDING,
                })
                .width(Length::Fill)
                .style(theme::menu_entry)
                .into()
        }
        Item::Separator => container(
            container(Space::new().width(Length::Fill).height(1.0)).style(theme::menu_separator),
        )
        .padding([theme::SPACE_XS, 0.0])
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_menu_opens_under_its_title() {
        let menus: Vec<Menu<'_, ()>> = ["Fichier", "Gestion locative", "Comptabilité"]
            .into_iter()
            .map(|title| Menu {
                title,
                items: vec![Item::entry("Quitter", ())],
            })
            .collect();
        assert_eq!(offset(&menus, 0), 0.0);
        assert_eq!(offset(&menus, 1), title_width("Fichier"));
        assert!(offset(&menus, 2) > offset(&menus, 1) + title_width("Fichier"));
        assert!(menu_width(&menus[0]) >= MIN_WIDTH);
    }

    #[test]
    fn the_menu_is_as_wide_as_its_longest_entry() {
        let long = "Appeler le dépôt de garantie… et encore un peu plus long";
        let menu = Menu {
            title: "x",
            items: vec![
                Item::entry("a", ()),
                Item::indented(long, ()),
                Item::Separator,
            ],
        };
        assert!(menu_width(&menu) >= text_width(long, theme::TEXT_BODY, false) + INDENT);
    }
}
