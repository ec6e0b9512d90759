//! Issue 13's two shortcuts must not change a single byte: `export::open_bytes` sets aside an
//! embedded rubric whose bytes are the reference's written text (instead of parsing and hashing
//! it), and the CLI checks files on every core. Here both are compared with the plain way on a
//! folder of `/1` and signed `/2` files with tampered, truncated, foreign and duplicate ones mixed in.

mod common;
use common::cli::bin_raw as bin;
use common::doc;
use common::exports::*;
use cyberduty::domain::aggregate::Batch;
use cyberduty::domain::aggregate::{Input, Role};
use cyberduty::domain::export::{self, Reference};
use cyberduty::domain::json;
use cyberduty::domain::rubric::Rubric;
use cyberduty::domain::sign::KeyPair;

const AT: &str = "2026-01-20T02:00:00Z";

fn signed(n: u64, at: &str) -> String {
    let (_, sealed) = unit(n, "2026", at);
    let mut secret = [7u8; 32];
    secret[0] = n as u8;
    let key = KeyPair::from_secret(&secret).unwrap();
    export::sign_sealed(&sealed, &key, &code(n)).unwrap().text
}

/// (file name, text) of the folder: every kind of file the two ways must agree on.
fn folder() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for n in 1..=12u64 {
        files.push((format!("a{n:02}-v1.json"), unit(n, "2026", AT).1.text));
        files.push((format!("b{n:02}-v2.json"), signed(20 + n, AT)));
    }
    let v1 = unit(40, "2026", AT).1.text;
    let v2 = signed(41, AT);
    for (tag, text) in [("v1", &v1), ("v2", &v2)] {
        // Outside the rubric: the rubric is still set aside, the digest no longer matches.
        let later = text.replace(AT, "2026-01-21T02:00:00Z");
        files.push((format!("c-{tag}-time.json"), later));
        // Inside the rubric (a title): no longer the reference's bytes, so the full parse.
        let title = text.replacen("\"title\": \"", "\"title\": \"改", 1);
        assert_ne!(&title, text);
        files.push((format!("c-{tag}-rubric.json"), title));
        // The same rubric written compactly by another tool: the full parse, the same outcome.
        let compact = serde_json::to_string(&value(text)).unwrap();
        files.push((format!("c-{tag}-compact.json"), compact));
        files.push((
            format!("c-{tag}-cut.json"),
            text[..text.len() / 2].to_string(),
        ));
        // The rubric member twice.
        let twice = text.replacen("\"rubric\": {", "\"rubric\": 1, \"rubric\": {", 1);
        files.push((format!("c-{tag}-twice.json"), twice));
    }
    // Duplicates: unit 1 again, older, and unit 21 signed again, later.
    files.push((
        "d-old.json".into(),
        unit(1, "2026", "2025-12-31T23:59:59Z").1.text,
    ));
    files.push(("d-new.json".into(), signed(21, "2026-01-22T02:00:00Z")));
    files.sort();
    files
}

#[test]
fn setting_the_rubric_aside_changes_no_outcome() {
    let reference = Reference::new(Rubric::from_json(&doc(&rubric())).unwrap());
    let mut set_aside = 0;
    for (name, text) in folder() {
        let plain = json::parse(text.as_bytes()).and_then(|d| export::open(&d, Some(&reference)));
        assert_eq!(
            export::open_bytes(text.as_bytes(), Some(&reference)),
            plain,
            "{name}"
        );
        set_aside += usize::from(json::parse_aside(text.as_bytes(), "rubric").is_some());
    }
    assert!(set_aside >= 26, "{set_aside}");
}

#[test]
fn the_cli_on_all_cores_prints_what_one_thread_makes() {
    let dir = Scratch::new("aggregate-parallel");
    let rubric_path = dir.write("rubric.json", rubric().to_string().as_bytes());
    let mut batch = Batch::new(Some(&doc(&rubric()))).unwrap();
    for (name, text) in folder() {
        let path = dir.write(&format!("inbox/{name}"), text.as_bytes());
        batch.add(Input::bytes(path.to_string_lossy(), text.into_bytes()));
    }
    let previous = dir.write("previous/p1.json", unit(3, "2025", AT).1.text.as_bytes());
    let bytes = std::fs::read(&previous).unwrap();
    batch.add_previous(Input::bytes(previous.to_string_lossy(), bytes));
    let expected = serde_json::to_string_pretty(&batch.finish()).unwrap() + "\n";

    let inbox = dir.path().join("inbox");
    let prev = dir.path().join("previous");
    let args = [
        "aggregate",
        "--rubric",
        &rubric_path.to_string_lossy(),
        &inbox.to_string_lossy(),
        "--previous",
        &prev.to_string_lossy(),
        "--json",
    ]
    .map(|a| a.to_string());
    let (code, out, err) = bin(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 0, "{err}");
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

/// The page's workers check files in their own wasm instance and hand each chunk over as bytes
/// (`Batch::encode`); the page's batch takes them (`Batch::take_encoded`). The report must be the
/// one the batch makes checking the files itself.
#[test]
fn checked_files_cross_between_two_batches_as_bytes() {
    let reference = doc(&rubric());
    let mut direct = Batch::new(Some(&reference)).unwrap();
    let worker = Batch::new(Some(&reference)).unwrap();
    let mut page = Batch::new(Some(&reference)).unwrap();
    let mut inputs: Vec<(Input, Role)> = folder()
        .into_iter()
        .map(|(name, text)| (Input::bytes(name, text.into_bytes()), Role::Current))
        .collect();
    inputs.push((Input::file("big.json", u64::MAX, None), Role::Current));
    inputs.push((Input::file("unread.json", 10, None), Role::Current));
    for (n, period) in [(3, "2025"), (4, "2025"), (5, "2024")] {
        let text = unit(n, period, AT).1.text;
        inputs.push((
            Input::bytes(format!("p{n}.json"), text.into_bytes()),
            Role::Previous,
        ));
    }
    let mut last = Vec::new();
    for chunk in inputs.chunks(5) {
        let checked: Vec<_> = chunk
            .iter()
            .map(|(input, role)| worker.check(input.clone(), *role))
            .collect();
        let bytes = worker.encode(&checked);
        let decoded = page.decode(&bytes).unwrap();
        assert_eq!(format!("{decoded:?}"), format!("{checked:?}"));
        page.take_encoded(&bytes).unwrap();
        for (input, role) in chunk {
            direct.take(direct.check(input.clone(), *role));
        }
        last = bytes;
    }
    let (expected, expected_xlsx) = direct.finish_with_xlsx();
    let (got, got_xlsx) = page.finish_with_xlsx();
    assert_eq!(got, expected);
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        serde_json::to_string(&expected).unwrap()
    );
    assert_eq!(got_xlsx, expected_xlsx);
    assert!(expected.trends.is_some());
    let statuses: Vec<_> = expected.files.iter().map(|f| f.code).collect();
    for code in [
        "OK",
        "E_EXPORT_DUPLICATE",
        "E_INPUT_TOO_LARGE",
        "E_FILE_UNREADABLE",
    ] {
        assert!(statuses.contains(&code), "{code}: {statuses:?}");
    }

    // Checked against another reference rubric: refused, nothing taken.
    let mut other = Batch::new(Some(&doc(&foreign_rubric()))).unwrap();
    let e = other.take_encoded(&last).unwrap_err();
    assert_eq!(e.code.as_str(), "E_FIELD_TYPE");
    assert_eq!(other.finish().files.len(), 0);
}
