//! Loading and validation: every problem class is reported, with its file
//! and line, and all problems come at once.

use gazetag::{ErrorKind, Gazetteer, ProblemKind};

const GOOD: &str = r#"
[[entity]]
id = "country/mx"
kind = "country"
name = "Mexico"
iso = "MX"
"#;

/// Builds `GOOD` plus `data` (as "test.toml") and returns the problems as
/// `(kind, line)`, lines counted in `data`.
fn problems(data: &str) -> Vec<(ProblemKind, Option<usize>)> {
    let err = Gazetteer::builder()
        .add_str("good.toml", GOOD)
        .add_str("test.toml", data)
        .build()
        .expect_err("the data has a problem");
    assert_eq!(err.kind(), ErrorKind::Data);
    err.problems()
        .iter()
        .inspect(|p| assert_eq!(p.file(), "test.toml", "{p}"))
        .map(|p| (p.kind(), p.line()))
        .collect()
}

#[test]
fn syntax_error_has_its_line() {
    let data = "[[entity]]\nid = \"a/1\"\nkind = \"place\"\nname = \"Tula\n";
    assert_eq!(problems(data), [(ProblemKind::Syntax, Some(4))]);
}

#[test]
fn unknown_field_is_a_syntax_problem() {
    let data =
        "[[entity]]\nid = \"a/1\"\nkind = \"place\"\nname = \"Tula\"\ncountri = \"country/mx\"\n";
    let got = problems(data);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, ProblemKind::Syntax);
}

#[test]
fn missing_name_is_a_syntax_problem() {
    let data = "[[entity]]\nid = \"a/1\"\nkind = \"place\"\n";
    assert_eq!(problems(data)[0].0, ProblemKind::Syntax);
}

#[test]
fn duplicate_id_names_the_first_definition() {
    let data = "[[entity]]\nid = \"country/mx\"\nkind = \"country\"\nname = \"Mexico again\"\n";
    let err = Gazetteer::builder()
        .add_str("good.toml", GOOD)
        .add_str("test.toml", data)
        .build()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!((p.kind(), p.line()), (ProblemKind::DuplicateId, Some(2)));
    assert!(p.message().contains("good.toml:3"), "{p}");
}

#[test]
fn dangling_and_wrong_kind_links() {
    let data = r#"
[[entity]]
id = "agency/x"
kind = "agency"
name = "X Service"
country = "country/zz"

[[entity]]
id = "agency/y"
kind = "agency"
name = "Y Service"
country = "agency/x"
parent = "agency/none"
"#;
    assert_eq!(
        problems(data),
        [
            (ProblemKind::DanglingLink, Some(6)),
            (ProblemKind::DanglingLink, Some(12)),
            (ProblemKind::DanglingLink, Some(13)),
        ]
    );
}

#[test]
fn empty_aliases_and_aliases_without_letters() {
    let data = r#"
[[entity]]
id = "org/x"
kind = "organization"
name = "X"
names = ["", "  "]
exact = ["..."]
label = ""
"#;
    let got = problems(data);
    assert_eq!(
        got,
        [
            (ProblemKind::EmptyAlias, Some(6)),
            (ProblemKind::EmptyAlias, Some(6)),
            (ProblemKind::EmptyAlias, Some(7)),
            (ProblemKind::EmptyAlias, Some(8)),
        ]
    );
}

#[test]
fn unknown_kind() {
    let data = "[[entity]]\nid = \"x/1\"\nkind = \"planet\"\nname = \"Mars\"\n";
    assert_eq!(problems(data), [(ProblemKind::UnknownKind, Some(3))]);
}

#[test]
fn invalid_values() {
    let data = r#"
[[entity]]
id = "has space"
kind = "country"
name = "Ruritania"
iso = "rt"

[[entity]]
id = "agency/z"
kind = "agency"
name = "Z"
iso = "ZZ"

[[entity]]
id = "person/p"
kind = "person"
name = "P Q"
population = 3
"#;
    assert_eq!(
        problems(data),
        [
            (ProblemKind::InvalidValue, Some(3)),
            (ProblemKind::InvalidValue, Some(6)),
            (ProblemKind::InvalidValue, Some(12)),
            (ProblemKind::InvalidValue, Some(18)),
        ]
    );
}

#[test]
fn every_problem_of_every_file_at_once() {
    let err = Gazetteer::builder()
        .add_str(
            "a.toml",
            "[[entity]]\nid = \"a/1\"\nkind = \"moon\"\nname = \"A\"\n",
        )
        .add_str("b.toml", "this is not toml")
        .add_str(
            "c.toml",
            "[[entity]]\nid = \"a/1\"\nkind = \"place\"\nname = \"\"\n",
        )
        .build()
        .unwrap_err();
    let got: Vec<(&str, ProblemKind)> = err
        .problems()
        .iter()
        .map(|p| (p.file(), p.kind()))
        .collect();
    assert_eq!(
        got,
        [
            ("b.toml", ProblemKind::Syntax),
            ("c.toml", ProblemKind::DuplicateId),
            ("a.toml", ProblemKind::UnknownKind),
            ("c.toml", ProblemKind::EmptyAlias),
        ]
    );
    let line = err.to_string();
    assert!(!line.contains('\n'));
    assert!(line.contains("(and 3 more problems)"), "{line}");
}

#[test]
fn missing_file_is_an_io_error_with_a_source() {
    let err = Gazetteer::builder()
        .add_file("/nonexistent/gazetag/data.toml")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert_eq!(err.problems()[0].kind(), ProblemKind::Io);
    assert!(
        err.to_string()
            .starts_with("/nonexistent/gazetag/data.toml: "),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("gazetag-test-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn invalid_utf8_file_is_an_io_problem() {
    let dir = TempDir::new("utf8");
    let path = dir.0.join("latin1.toml");
    std::fs::write(&path, b"[[entity]]\nname = \"Bogot\xe1\"\n").unwrap();
    let err = Gazetteer::builder().add_file(&path).build().unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::Io);
    assert!(err.to_string().contains("latin1.toml"));
}

#[test]
fn a_directory_loads_its_toml_files_in_name_order() {
    let dir = TempDir::new("dir");
    std::fs::write(dir.0.join("b.toml"), GOOD).unwrap();
    std::fs::write(
        dir.0.join("a.toml"),
        "[[entity]]\nid = \"place/tijuana\"\nkind = \"place\"\nname = \"Tijuana\"\ncountry = \"country/mx\"\n",
    )
    .unwrap();
    std::fs::write(dir.0.join("notes.txt"), "not data").unwrap();
    let g = Gazetteer::builder().add_file(&dir.0).build().unwrap();
    let ids: Vec<&str> = g.entities().map(|e| e.id()).collect();
    assert_eq!(ids, ["place/tijuana", "country/mx"]);
}

#[test]
fn a_label_is_given_in_label_or_in_its_former_name_tag() {
    let entity = |field: &str| {
        format!(
            "[[entity]]\nid = \"org/nuj\"\nkind = \"organization\"\n\
             name = \"National Union of Journalists\"\n{field} = \"NUJ (UK)\"\n"
        )
    };
    for field in ["label", "tag"] {
        let g = Gazetteer::builder()
            .add_str("unions.toml", &entity(field))
            .build()
            .unwrap();
        let nuj = g.entity("org/nuj").unwrap();
        assert_eq!(nuj.label(), "NUJ (UK)", "{field}");
        // `gazetag --list` writes it as `label`.
        let json = serde_json::to_value(nuj).unwrap();
        assert_eq!(json["label"], "NUJ (UK)");
        assert!(json.get("tag").is_none(), "{json}");
    }
    // Without one, the label is the name.
    let plain = entity("names").replace("names = \"NUJ (UK)\"", "names = [\"NUJ\"]");
    let g = Gazetteer::builder()
        .add_str("unions.toml", &plain)
        .build()
        .unwrap();
    assert_eq!(
        g.entity("org/nuj").unwrap().label(),
        "National Union of Journalists"
    );
}

#[test]
fn user_data_can_link_to_the_default_data() {
    let data = "[[entity]]\nid = \"agency/fiscalia\"\nkind = \"agency\"\nname = \"Fiscalía General de la República\"\nexact = [\"FGR\"]\ncountry = \"country/mx\"\n";
    let g = Gazetteer::builder()
        .with_default_data()
        .add_str("mine.toml", data)
        .build()
        .unwrap();
    assert_eq!(g.entity("agency/fiscalia").unwrap().label(), "FGR (Mexico)");
    let alone = Gazetteer::builder()
        .add_str("mine.toml", data)
        .build()
        .unwrap_err();
    assert_eq!(alone.problems()[0].kind(), ProblemKind::DanglingLink);
}

#[test]
fn an_empty_gazetteer_builds_and_finds_nothing() {
    let g = Gazetteer::builder().build().unwrap();
    assert_eq!((g.entities_len(), g.aliases_len()), (0, 0));
    let doc = gazetag::Tagger::new(g).tag("The CIA and Mexico.");
    assert!(doc.mentions.is_empty());
}

#[test]
fn tsv_tables_load_with_line_numbers() {
    let table = "# id\tkind\tname\tcountry\tpopulation\tnames\texact\tcues\tflags\n\
                 place/tijuana\tplace\tTijuana\tcountry/mx\t1810645\t\t\tBaja California\t\n\
                 place/cdmx\tplace\tMexico City\tcountry/mx\t\tCiudad de México|CDMX\tCDMX\t\t\n";
    let g = Gazetteer::builder()
        .add_str("good.toml", GOOD)
        .add_str("cities.tsv", table)
        .build()
        .unwrap();
    let tijuana = g.entity("place/tijuana").unwrap();
    assert_eq!(
        (tijuana.population(), tijuana.country()),
        (Some(1810645), Some("country/mx"))
    );
    assert_eq!(tijuana.cues().collect::<Vec<_>>(), ["baja california"]);
    let cdmx = g.entity("place/cdmx").unwrap();
    let aliases: Vec<&str> = cdmx.aliases().iter().map(|a| &*a.text).collect();
    assert_eq!(aliases, ["Mexico City", "Ciudad de México", "CDMX", "CDMX"]);
    let doc = gazetag::Tagger::new(g).tag("Officials in CDMX and Tijuana said");
    assert_eq!(doc.mentions.len(), 2);
}

#[test]
fn tsv_problems_have_their_lines() {
    let table = "place/a\tplace\tA\n\
                 # a comment\n\
                 place/b\tplace\tB\t\tmany\t\t\t\t\n\
                 place/c\tplace\tC\tcountry/zz\t\t\t\t\t\n";
    let err = Gazetteer::builder()
        .add_str("bad.tsv", table)
        .build()
        .unwrap_err();
    let got: Vec<(ProblemKind, Option<usize>)> = err
        .problems()
        .iter()
        .map(|p| (p.kind(), p.line()))
        .collect();
    assert_eq!(
        got,
        [
            (ProblemKind::Syntax, Some(1)),
            (ProblemKind::Syntax, Some(3))
        ]
    );
    // Rows that parse are still checked once the table's syntax is sound.
    let table = "place/c\tplace\tC\tcountry/zz\t\t\t\t\t\n";
    let err = Gazetteer::builder()
        .add_str("links.tsv", table)
        .build()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::DanglingLink);
    assert_eq!(err.problems()[0].line(), Some(1));
}

#[test]
fn tsv_flag_context_marks_common_word_names() {
    let table = "place/nice\tplace\tNice\tcountry/fr\t342669\t\t\tRiviera|Côte d'Azur\tcontext\n\
                 country/fr\tcountry\tFrance\t\t\t\t\t\t\n";
    let g = Gazetteer::builder()
        .add_str("p.tsv", table)
        .build()
        .unwrap();
    assert!(g.entity("place/nice").unwrap().needs_context());
    let tagger = gazetag::Tagger::new(g).with_discovery(false);
    assert!(
        tagger
            .tag("Nice weather, said the Nice Guys.")
            .mentions
            .is_empty()
    );
    let doc = tagger.tag("The festival in Nice, on the Riviera, opened.");
    assert_eq!(doc.mentions[0].entity, "place/nice");
    let bad = "place/x\tplace\tX\t\t\t\t\t\tsometimes\n";
    let err = Gazetteer::builder()
        .add_str("b.tsv", bad)
        .build()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::Syntax);
}

#[test]
fn parent_cycles_and_self_parents_are_refused() {
    let data = r#"
[[entity]]
id = "agency/a"
kind = "agency"
name = "Alpha Service"
parent = "agency/b"

[[entity]]
id = "agency/b"
kind = "agency"
name = "Bravo Service"
parent = "agency/a"

[[entity]]
id = "agency/c"
kind = "agency"
name = "Charlie Service"
parent = "agency/c"

[[entity]]
id = "agency/d"
kind = "agency"
name = "Delta Service"
parent = "agency/a"
"#;
    // Delta's chain runs into the cycle but Delta is not on it.
    assert_eq!(
        problems(data),
        [
            (ProblemKind::InvalidValue, Some(6)),
            (ProblemKind::InvalidValue, Some(12)),
            (ProblemKind::InvalidValue, Some(18)),
        ]
    );
}

#[test]
fn a_long_parent_chain_loads() {
    // 20,000 agencies, each the parent of the next: checked in one pass.
    let mut data = String::new();
    for i in 0..20_000 {
        data.push_str(&format!(
            "[[entity]]\nid = \"agency/a{i}\"\nkind = \"agency\"\nname = \"Agency {i}\"\n"
        ));
        if i > 0 {
            data.push_str(&format!("parent = \"agency/a{}\"\n", i - 1));
        }
    }
    let g = Gazetteer::builder()
        .add_str("chain.toml", &data)
        .build()
        .unwrap();
    assert_eq!(g.entities_len(), 20_000);
}

#[test]
fn lower_case_exact_aliases_are_refused() {
    let data = r#"
[[entity]]
id = "org/cia-culinary"
kind = "organization"
name = "Culinary Institute of America"
exact = ["CIA", "cia", "U.S.", "r&aw", "G7"]
context_names = ["ok"]
"#;
    let err = load_error(data);
    let messages: Vec<&str> = err.problems().iter().map(|p| p.message()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].contains(r#""cia" has no capital letter or digit"#),
        "{messages:?}"
    );
    assert!(messages[1].contains(r#""r&aw""#), "{messages:?}");
    assert!(
        messages[2].starts_with("context_names alias \"ok\""),
        "{messages:?}"
    );
}

#[test]
fn aliases_of_more_than_32_words_are_refused() {
    let entity = |words: usize| {
        format!(
            "[[entity]]\nid = \"org/long\"\nkind = \"organization\"\nname = \"{}\"\n",
            vec!["Word"; words].join(" ")
        )
    };
    assert!(
        Gazetteer::builder()
            .add_str("ok.toml", &entity(32))
            .build()
            .is_ok()
    );
    let err = load_error(&entity(33));
    assert_eq!(err.problems()[0].kind(), ProblemKind::InvalidValue);
    assert_eq!(err.problems()[0].line(), Some(4));
    assert!(
        err.problems()[0]
            .message()
            .contains("33 words, more than 32")
    );
}

fn load_error(data: &str) -> gazetag::Error {
    Gazetteer::builder()
        .add_str("test.toml", data)
        .build()
        .expect_err("the data has a problem")
}

#[test]
fn invalid_utf8_says_where() {
    let dir = TempDir::new("utf8-where");
    let path = dir.0.join("latin1.toml");
    let data = b"[[entity]]\nid = \"place/bogota\"\nkind = \"place\"\nname = \"Bogot\xe1\"\n";
    std::fs::write(&path, data).unwrap();
    let err = Gazetteer::builder().add_file(&path).build().unwrap_err();
    let message = err.problems()[0].message();
    assert!(
        message.contains("invalid UTF-8 at line 4, byte 14 of the line (offset 59 in the file)"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_not_read() {
    // /dev/zero would be read until memory ran out; a FIFO named like a
    // data file in a folder would wait for a writer forever.
    let err = Gazetteer::builder()
        .add_file("/dev/zero")
        .build()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::Io);
    assert!(err.problems()[0].message().contains("not a regular file"));

    let dir = TempDir::new("fifo");
    std::fs::write(dir.0.join("a.toml"), GOOD).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.0.join("b.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let err = Gazetteer::builder().add_file(&dir.0).build().unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert!(err.problems()[0].file().ends_with("b.toml"));
    assert!(err.problems()[0].message().contains("not a regular file"));
}

#[test]
fn a_data_file_over_64_mib_is_refused() {
    let dir = TempDir::new("big");
    let path = dir.0.join("big.toml");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: no 64 MiB written to disk.
    file.set_len((64 << 20) + 1).unwrap();
    let err = Gazetteer::builder().add_file(&path).build().unwrap_err();
    assert!(
        err.problems()[0].message().contains("larger than 64 MiB"),
        "{err}"
    );
}
