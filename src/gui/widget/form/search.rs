//! Les champs de recherche (une fiche parmi des milliers : lot, locataire, tiers,
//! location) : le texte tapé, les fiches proposées dessous, le choix d'une proposition, et
//! l'affichage du champ.

use iced::widget::{column, text};
use iced::Length;

use super::{shown, Form, Kind, Message, Value};
use crate::gui::theme;
use crate::gui::widget::inputs;
use crate::gui::widget::picker::{Choices, Item, Matches};
use crate::gui::widget::Element;

/// Les fiches proposées sous le champ de recherche où l'on tape (`target` : sa clé, ou
/// sa ligne et sa clé dans un tableau de détail). Une seule liste est ouverte à la fois.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Suggest<T> {
    pub(super) target: T,
    pub(super) matches: Matches,
}

/// Texte tapé dans un champ de recherche, et les propositions qui en découlent : une
/// référence exacte (sans casse ni accents) est reprise telle qu'enregistrée et ferme la
/// liste ; un autre texte, gardé tel quel, ouvre la liste des fiches qui le contiennent.
pub(super) fn typed<T>(choices: &Choices, target: T, text: String) -> (String, Option<Suggest<T>>) {
    if let Some(item) = choices.exact(text.trim()).and_then(|i| choices.get(i)) {
        return (item.key.clone(), None);
    }
    if text.trim().is_empty() {
        return (text, None);
    }
    let matches = choices.search(&text);
    (text, Some(Suggest { target, matches }))
}

/// La référence de la fiche proposée `index` (clic), ou de la première proposée
/// (Entrée) quand `index` est `None`.
pub(super) fn proposed<T: PartialEq>(
    choices: &Choices,
    suggest: &Option<Suggest<T>>,
    target: &T,
    index: Option<usize>,
) -> Option<String> {
    let index = match index {
        Some(i) => i,
        None => suggest
            .as_ref()
            .filter(|s| s.target == *target)?
            .matches
            .first()?,
    };
    choices.get(index).map(|item| item.key.clone())
}

impl Form {
    /// La fiche proposée sous un champ de recherche : `index`, ou la première.
    pub(super) fn proposal(&self, key: &'static str, index: Option<usize>) -> Option<String> {
        match &self.fields[self.index(key)?].kind {
            Kind::Search(choices) => proposed(choices, &self.suggest, &key, index),
            _ => None,
        }
    }

    /// Les fiches proposées sous le champ de recherche `key` (vide s'il n'y en a pas).
    pub fn proposals(&self, key: &str) -> Vec<&Item> {
        let (Some(suggest), Some(i)) = (&self.suggest, self.index(key)) else {
            return Vec::new();
        };
        match &self.fields[i].kind {
            Kind::Search(choices) if suggest.target == key => suggest.matches.items(choices),
            _ => Vec::new(),
        }
    }

    /// Un champ de recherche : la zone, et dessous les fiches proposées quand on y tape,
    /// sinon le libellé de la fiche dont la référence y est.
    pub(super) fn search_view<'a, M: Clone + 'a>(
        &'a self,
        key: &'static str,
        choices: &'a Choices,
        value: &'a Value,
        invalid: bool,
        editable: bool,
        map: fn(Message) -> M,
    ) -> Element<'a, M> {
        let input = if editable {
            inputs::search_input(
                shown(value),
                invalid,
                false,
                move |s| map(Message::Input(key, s)),
                map(Message::Submit(key)),
            )
        } else {
            inputs::text_field(
                "",
                shown(value),
                invalid,
                Length::Fixed(theme::INPUT_WIDTH),
                None,
            )
        };
        let mut cell = column![input].spacing(2.0).width(theme::INPUT_WIDTH);
        match &self.suggest {
            Some(s) if s.target == key && editable => {
                cell = cell.push(
                    s.matches
                        .view(choices, move |i| map(Message::Choose(key, i))),
                );
            }
            _ => {
                if let Some(item) = choices.find(value.as_text()) {
                    cell = cell.push(
                        text(item.label.as_str())
                            .size(theme::TEXT_SMALL)
                            .style(theme::muted_text),
                    );
                }
            }
        }
        cell.into()
    }
}
