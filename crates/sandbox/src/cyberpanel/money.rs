//! Money as the platform keeps it: amounts in ten-thousandths of a dollar
//! (hourly rates such as `0.0082` are sub-cent), shown with two decimals for
//! balances and prices and four for rates and invoice lines.

/// An amount in ten-thousandths of a US dollar.
pub(super) type Amount = i64;

/// One dollar.
pub(super) const DOLLAR: Amount = 10_000;

/// Hours the platform divides a monthly price by to get the hourly rate.
const HOURS_PER_MONTH: Amount = 730;

/// The hourly rate of a monthly price, rounded to the nearest ten-thousandth.
pub(super) fn hourly(monthly: Amount) -> Amount {
    (monthly + HOURS_PER_MONTH / 2) / HOURS_PER_MONTH
}

/// `150.00`: rounded half away from zero to cents.
pub(super) fn two(amount: Amount) -> String {
    let cents = (amount.abs() + 50) / 100;
    let sign = if amount < 0 && cents > 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

/// `-0.0082`: every digit kept.
pub(super) fn four(amount: Amount) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.abs();
    format!("{sign}{}.{:04}", abs / DOLLAR, abs % DOLLAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_rates() {
        assert_eq!(hourly(6 * DOLLAR), 82);
        assert_eq!(hourly(12 * DOLLAR), 164);
        assert_eq!(two(150 * DOLLAR), "150.00");
        assert_eq!(two(150 * DOLLAR - 82), "149.99");
        assert_eq!(two(-25), "0.00");
        assert_eq!(two(-150), "-0.02");
        assert_eq!(four(-82), "-0.0082");
        assert_eq!(four(50 * DOLLAR), "50.0000");
    }
}
