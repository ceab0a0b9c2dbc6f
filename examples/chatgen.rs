//! `cargo run --release --example chatgen -- --messages 1000000 --out big.json`: writes a
//! Telegram Desktop export (`result.json`, or with `--whatsapp` a WhatsApp `.txt`) of N
//! messages for the import benchmark (docs/BENCHMARKS.md, "Import"): a Q&A evening of
//! ~60 messages every day, with replies, media and stickers, the same bytes for the
//! same N and seed.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Generate a Telegram chat export of N messages")]
struct Args {
    /// How many messages.
    #[arg(long, default_value_t = 1_000_000)]
    messages: u64,
    /// Same seed and messages → byte-identical file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    out: PathBuf,
    /// Write WhatsApp's dashed text form instead of Telegram JSON.
    #[arg(long)]
    whatsapp: bool,
}

/// The people of the fixtures (tests/fixtures/import/README.md), plus many others.
const PEOPLE: &[(&str, &str)] = &[
    ("何雨", "user5010001"),
    ("李思", "user5010002"),
    ("林雅婷", "user5010003"),
    ("Emily Carter", "user5010004"),
    ("王芳", "user5010005"),
    ("赵小明", "user5019999"),
];

const LINES: &[&str] = &[
    "新人进群第一周怎么留住？欢迎语发了没人理",
    "我们之前用企业微信的入群欢迎语加自动打标签，人多的时候分两批欢迎。",
    "第一週我們會辦一場 30 分鐘的線上「新朋友見面會」，由志工主持。",
    "A human replies to every intro within 24h. Six volunteers rotate this duty.",
    "超过 10 个人就别一个个 @ 了，改成“今日新朋友”接龙",
    "收到",
    "+1",
    "SOP 全文在这，第 2 页是接龙模板，电话 13812345678 找小周",
    "完整流程见 https://example.org/welcome-guide ，有问题再问我",
];

/// A small, fast generator (xorshift): the same seed gives the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The evenings both formats write: a session of 60 messages a day, 30–150 s apart,
/// each from one of `PEOPLE` saying one of `LINES`.
struct Evenings {
    rng: Rng,
    /// Seconds since 1970 of the last message.
    time: i64,
    in_session: u64,
}

impl Evenings {
    fn new(seed: u64) -> Evenings {
        Evenings {
            rng: Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
            // 2020-01-01 20:00 in Shanghai.
            time: 1_577_880_000,
            in_session: 0,
        }
    }

    /// The next message's time, sender (name, Telegram id) and line.
    fn next(&mut self) -> (i64, (&'static str, &'static str), &'static str) {
        if self.in_session == 60 {
            self.time += 86_400 - 60 * 90;
            self.in_session = 0;
        }
        self.in_session += 1;
        self.time += 30 + self.rng.below(120) as i64;
        let person = PEOPLE[self.rng.below(PEOPLE.len() as u64) as usize];
        let line = LINES[self.rng.below(LINES.len() as u64) as usize];
        (self.time, person, line)
    }
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut evenings = Evenings::new(args.seed);
    let file = std::fs::File::create(&args.out)?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    if args.whatsapp {
        return whatsapp(&args, &mut evenings, &mut w);
    }
    writeln!(
        w,
        "{{\n \"name\": \"运营研究社 · 答疑群\",\n \"type\": \"private_supergroup\",\n \"id\": 1234567890,\n \"messages\": ["
    )?;
    for id in 1..=args.messages {
        let (time, (name, from_id), line) = evenings.next();
        let rng = &mut evenings.rng;
        let reply = if id > 1 && rng.below(3) == 0 {
            format!(
                ",\n   \"reply_to_message_id\": {}",
                id - 1 - rng.below(id.min(10) - 1)
            )
        } else {
            String::new()
        };
        let extra = match rng.below(20) {
            0 => ",\n   \"photo\": \"photos/photo_1@01-01-2020_20-00-00.jpg\",\n   \"width\": 1280,\n   \"height\": 960".to_string(),
            1 => ",\n   \"media_type\": \"sticker\",\n   \"sticker_emoji\": \"👍\"".to_string(),
            _ => String::new(),
        };
        let comma = if id == args.messages { "" } else { "," };
        let text = serde_json::to_string(&format!("{line}（第 {id} 条）")).unwrap();
        writeln!(
            w,
            "  {{\n   \"id\": {id},\n   \"type\": \"message\",\n   \"date\": \"\",\n   \"date_unixtime\": \"{time}\",\n   \"from\": \"{name}\",\n   \"from_id\": \"{from_id}\"{reply}{extra},\n   \"text\": {text},\n   \"text_entities\": [\n    {{\n     \"type\": \"plain\",\n     \"text\": {text}\n    }}\n   ]\n  }}{comma}"
        )?;
    }
    writeln!(w, " ]\n}}")?;
    w.flush()?;
    eprintln!("wrote {} messages to {}", args.messages, args.out.display());
    Ok(())
}

/// The same evenings as WhatsApp's Android export writes them (`12/03/2024, 20:01 - name: text`).
fn whatsapp(args: &Args, evenings: &mut Evenings, w: &mut impl Write) -> std::io::Result<()> {
    for id in 1..=args.messages {
        let (time, (name, _), line) = evenings.next();
        // Shanghai is UTC+8 all year.
        let local = jiff::Timestamp::from_second(time + 8 * 3600)
            .unwrap()
            .to_zoned(jiff::tz::TimeZone::UTC);
        let stamp = local.strftime("%d/%m/%Y, %H:%M");
        match evenings.rng.below(20) {
            0 => writeln!(w, "{stamp} - {name}: <Media omitted>")?,
            _ => writeln!(
                w,
                "{stamp} - {name}: {line}（第 {id} 条）\n第二行：补充说明"
            )?,
        }
    }
    w.flush()?;
    eprintln!("wrote {} messages to {}", args.messages, args.out.display());
    Ok(())
}
