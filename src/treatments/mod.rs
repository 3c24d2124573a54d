//! Traitements : chacun dans son fichier.

pub mod caf;
pub mod charges;
pub mod debit_file;
pub mod debit_return;
pub mod demo;
pub mod deposit;
pub mod deposit_return;
pub mod direct_debit;
pub mod generate;
pub mod import;
pub mod indices;
pub mod merge;
pub mod move_out;
pub mod notices;
pub mod payments;
pub mod print;
pub mod printer;
pub mod receipts;
pub mod revision;
pub mod settlement;
pub mod settlement_document;
pub mod setup;
pub mod transfer;
pub mod unpaid;
