//! The traffic graph `net/show_cacti` returns: a small four-colour PNG drawn
//! from the server's throughput series (inbound as a filled area, outbound as
//! a line), like the Cacti port graphs HOSTKEY serves.

use super::metrics::{mbps, Direction};

const WIDTH: usize = 400;
const HEIGHT: usize = 120;
const WHITE: u8 = 0;
const GRID: u8 = 1;
const INBOUND: u8 = 2;
const OUTBOUND: u8 = 3;
const PALETTE: [u8; 12] = [
    0xFF, 0xFF, 0xFF, 0xDD, 0xDD, 0xDD, 0x00, 0xCC, 0x00, 0x00, 0x2A, 0x97,
];

/// A PNG of the port's traffic over the `span_secs` ending at `now_secs`.
pub(super) fn traffic_graph(seed: u64, now_secs: u64, span_secs: u64) -> Vec<u8> {
    let column_secs = (span_secs / WIDTH as u64).max(1);
    let start = now_secs.saturating_sub(span_secs);
    let sample = |column: usize, direction: Direction| -> f64 {
        let from = start + column as u64 * column_secs;
        (0..6)
            .map(|k| mbps(seed, from + k * column_secs / 6, direction))
            .sum::<f64>()
            / 6.0
    };
    let inbound: Vec<f64> = (0..WIDTH).map(|c| sample(c, Direction::In)).collect();
    let outbound: Vec<f64> = (0..WIDTH).map(|c| sample(c, Direction::Out)).collect();
    let peak = inbound
        .iter()
        .chain(&outbound)
        .copied()
        .fold(1.0_f64, f64::max)
        * 1.1;
    let row_of = |value: f64| -> usize {
        let height = ((value / peak) * (HEIGHT - 1) as f64).round() as usize;
        HEIGHT - 1 - height.min(HEIGHT - 1)
    };

    let mut pixels = vec![WHITE; WIDTH * HEIGHT];
    for y in (0..HEIGHT).step_by(30) {
        pixels[y * WIDTH..(y + 1) * WIDTH].fill(GRID);
    }
    for x in (0..WIDTH).step_by(50) {
        for y in 0..HEIGHT {
            pixels[y * WIDTH + x] = GRID;
        }
    }
    for (x, value) in inbound.iter().enumerate() {
        for y in row_of(*value)..HEIGHT {
            pixels[y * WIDTH + x] = INBOUND;
        }
    }
    let mut previous = row_of(outbound.first().copied().unwrap_or(0.0));
    for (x, value) in outbound.iter().enumerate() {
        let row = row_of(*value);
        for y in row.min(previous)..=row.max(previous) {
            pixels[y * WIDTH + x] = OUTBOUND;
        }
        previous = row;
    }
    encode(&pixels)
}

/// Encodes 2-bit palette pixels as a PNG with stored (uncompressed) deflate blocks.
fn encode(pixels: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(HEIGHT * (1 + WIDTH / 4));
    for row in pixels.chunks(WIDTH) {
        raw.push(0); // filter: none
        for quad in row.chunks(4) {
            raw.push(
                quad.iter()
                    .enumerate()
                    .fold(0u8, |byte, (i, p)| byte | (p & 3) << (6 - 2 * i)),
            );
        }
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(WIDTH as u32).to_be_bytes());
    ihdr.extend_from_slice(&(HEIGHT as u32).to_be_bytes());
    ihdr.extend_from_slice(&[2, 3, 0, 0, 0]); // depth 2, palette, deflate, no filter, no interlace

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"PLTE", &PALETTE);
    chunk(&mut png, b"IDAT", &zlib_stored(&raw));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_reference_value() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn graph_is_a_png_with_the_declared_size() {
        let png = traffic_graph(7, 1_700_000_000, 86_400);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(
            u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
            400
        );
        assert!(png.ends_with(&[0xAE, 0x42, 0x60, 0x82]));
    }
}
