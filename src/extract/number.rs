//! The one number parser for Chinese news: Arabic and Chinese numerals,
//! magnitudes, exact decimals (not yet implemented).
