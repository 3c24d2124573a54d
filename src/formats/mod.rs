//! Lecteurs et écrivains purs de fichiers (aucune entrée-sortie : du texte au modèle et
//! retour).

pub mod caf;
pub mod csv_keys;
pub mod csv_lists;
pub mod fec;
pub mod payments_csv;
pub mod sepa;
