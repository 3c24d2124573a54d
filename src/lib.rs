//! Abri — gestion locative adaptée. Toute la logique est ici ; le binaire `abri`
//! n'analyse que la ligne de commande.

pub mod cli;
pub mod documents;
pub mod formats;
pub mod gui;
pub mod ledger;
pub mod model;
pub mod store;
pub mod treatments;
