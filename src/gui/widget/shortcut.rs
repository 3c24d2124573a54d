//! Les raccourcis clavier, et leur sens dans une fenêtre faite d'une liste et d'une fiche
//! (Locations, Écritures, fiches simples) : une seule règle pour toutes.

use super::form::{self, Form};
use super::table;

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
    Move(table::Move, bool),
}

/// Le message d'un raccourci dans une fenêtre « liste + fiche ». Fiche ouverte : Échap et
/// Entrée répondent d'abord à la question posée ; Ctrl+N, Ctrl+S, Suppr et Échap vont à
/// la fiche ; Entrée et les flèches n'y font rien. Liste seule : Ctrl+N ouvre une
/// nouvelle fiche (`new`), Entrée la fiche de la ligne courante, les flèches déplacent la
/// ligne courante.
pub fn list_and_form<M, C>(
    form: Option<&Form>,
    shortcut: Shortcut,
    on_form: impl FnOnce(form::Message) -> M,
    on_list: impl FnOnce(table::Message<C>) -> M,
    new: M,
) -> Option<M> {
    match (form, shortcut) {
        (Some(f), Shortcut::Escape) if f.pending().is_some() => {
            Some(on_form(form::Message::Cancel))
        }
        (Some(f), Shortcut::Enter) if f.pending().is_some() => {
            Some(on_form(form::Message::Confirm))
        }
        (Some(_), Shortcut::New) => Some(on_form(form::Message::New)),
        (Some(_), Shortcut::Save) => Some(on_form(form::Message::Save)),
        (Some(_), Shortcut::Delete) => Some(on_form(form::Message::Delete)),
        (Some(_), Shortcut::Escape) => Some(on_form(form::Message::Close)),
        (Some(_), Shortcut::Enter | Shortcut::Move(..)) => None,
        (None, Shortcut::New) => Some(new),
        (None, Shortcut::Enter) => Some(on_list(table::Message::OpenCurrent)),
        (None, Shortcut::Move(step, extend)) => Some(on_list(table::Message::Move(step, extend))),
        (None, _) => None,
    }
}

/// Le message d'un raccourci dans une fenêtre faite d'une seule liste, sans fiche
/// (Impayés, Synthèse allocations logement, Prélèvements, Rejets) : les flèches
/// déplacent la ligne courante, Entrée ouvre ce qu'elle montre.
pub fn list_only<C>(shortcut: Shortcut) -> Option<table::Message<C>> {
    match shortcut {
        Shortcut::Move(step, extend) => Some(table::Message::Move(step, extend)),
        Shortcut::Enter => Some(table::Message::OpenCurrent),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gui::widget::form::Field;
    use crate::gui::widget::table::Move;

    #[derive(Debug)]
    enum M {
        Form(form::Message),
        List(table::Message<()>),
        New,
    }

    fn key(form: Option<&Form>, shortcut: Shortcut) -> Option<M> {
        list_and_form(form, shortcut, M::Form, M::List, M::New)
    }

    #[test]
    fn the_open_form_takes_the_keys_and_its_question_comes_first() {
        let mut f = Form::new(
            "Fiche",
            vec!["Fiche"],
            vec![Field::text("reference", "Référence")],
        );
        assert!(matches!(
            key(Some(&f), Shortcut::Escape),
            Some(M::Form(form::Message::Close))
        ));
        assert!(matches!(
            key(Some(&f), Shortcut::Save),
            Some(M::Form(form::Message::Save))
        ));
        assert!(key(Some(&f), Shortcut::Enter).is_none());
        assert!(key(Some(&f), Shortcut::Move(Move::Down, false)).is_none());
        f.update(form::Message::Delete);
        assert!(matches!(
            key(Some(&f), Shortcut::Escape),
            Some(M::Form(form::Message::Cancel))
        ));
        assert!(matches!(
            key(Some(&f), Shortcut::Enter),
            Some(M::Form(form::Message::Confirm))
        ));
    }

    #[test]
    fn without_a_form_the_keys_go_to_the_list() {
        assert!(matches!(key(None, Shortcut::New), Some(M::New)));
        assert!(matches!(
            key(None, Shortcut::Enter),
            Some(M::List(table::Message::OpenCurrent))
        ));
        assert!(matches!(
            key(None, Shortcut::Move(Move::Down, true)),
            Some(M::List(table::Message::Move(Move::Down, true)))
        ));
        assert!(key(None, Shortcut::Save).is_none());
        assert!(key(None, Shortcut::Escape).is_none());
    }
}
