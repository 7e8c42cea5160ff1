//! Pointer layouts of compiled programs: exact shapes of representative
//! allocations, and the `abi::shape` rule checked over every golden run
//! program (`testdata/run/**/*.go`).

use abi::{Alloc, GcShapeInfo, Op, Program};
use std::path::{Path, PathBuf};

/// Builds the program in `src` (package main), on a thread with the
/// large stack the `rgo` command gives the front end.
fn build(name: &str, src: &str) -> Program {
    let dir = std::env::temp_dir().join(format!("rgo-alloc-shapes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.go"));
    std::fs::write(&path, src).unwrap();
    match build_file(&path) {
        Ok(p) => p,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn build_file(path: &Path) -> Result<Program, String> {
    let path = path.to_path_buf();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let file = rgo::SourceFile::read(&path, path.display().to_string())
                .map_err(|e| e.to_string())?;
            let opts = rgo::CheckOptions {
                path: "main".into(),
                complete: true,
                ..Default::default()
            };
            rgo::build_program(&[file], &opts).map_err(|e| match e {
                rgo::BuildError::Diagnostics(d) => format!("diagnostics: {}", d[0].msg),
                rgo::BuildError::Unsupported(m) => format!("unsupported: {m}"),
            })
        })
        .unwrap()
        .join()
        .unwrap()
}

/// A shape with pointer words `ptrs` (a bitmask over words).
fn shape(size: u32, ptrs: u64) -> Option<GcShapeInfo> {
    Some(GcShapeInfo {
        size,
        ptrdata: 8 * (64 - ptrs.leading_zeros()),
        mask: vec![ptrs],
    })
}

/// Every allocation of function `name`: opcode, size operand, shape.
fn allocs(p: &Program, name: &str) -> Vec<(Op, u32, Option<GcShapeInfo>)> {
    let f = p.funcs.iter().find(|f| f.name == name).expect(name);
    f.code
        .iter()
        .enumerate()
        .filter(|(_, i)| i.op.alloc() == Alloc::Typed)
        .map(|(pc, i)| {
            let s = f
                .alloc_shape(pc as u32)
                .map(|k| p.shapes[k as usize].clone());
            (i.op, i.c, s)
        })
        .collect()
}

#[test]
fn shapes_of_representative_types() {
    let p = build(
        "types",
        r#"package main

type T struct {
	a int
	p *int
	s string
}

type E struct {
	x int
	q *T
}

func (t T) M() {}

func main() {
	_ = new(T)
	_ = new([3]E)
	_ = make([]*T, 4)
	_ = new(any)
	_ = new(func())
	_ = new([4]int)
	_ = new(map[int]*T)
	var i any = T{}
	_ = i
}
"#,
    );
    assert_eq!(
        allocs(&p, "main.main"),
        vec![
            // struct{a int; p *int; s string}: p and the string's pointer.
            (Op::New, 32, shape(32, 0b0110)),
            // [3]struct{x int; q *T}: every element's q.
            (Op::New, 48, shape(48, 0b10_1010)),
            // []*T: the element, one pointer.
            (Op::MakeSlice, 8, shape(8, 0b1)),
            // An interface: its data word (the type or itab word never
            // points into the heap, as gc's typebits has it).
            (Op::New, 16, shape(16, 0b10)),
            // A func value: a pointer to a closure object.
            (Op::New, 8, shape(8, 0b1)),
            (Op::New, 32, None),
            // A map value is a pointer to its header.
            (Op::New, 8, shape(8, 0b1)),
            // Boxing T into an interface: T's layout.
            (Op::New, 32, shape(32, 0b0110)),
        ]
    );
    // Descriptors carry their type's shape and ptrdata.
    let t = p.types.iter().find(|t| t.name == "main.T").unwrap();
    assert_eq!(t.ptrdata, 24);
    assert_eq!(
        p.shapes[t.shape.unwrap() as usize],
        shape(32, 0b0110).unwrap()
    );
}

#[test]
fn closures_and_method_values() {
    let p = build(
        "closures",
        r#"package main

type T struct {
	n int
	s []byte
}

func (t T) M() int { return t.n }

func main() {
	x, y := 1, "a"
	f := func() int { return x + len(y) }
	var t T
	m := t.M
	println(f(), m())
}
"#,
    );
    assert_eq!(
        allocs(&p, "main.main"),
        vec![
            // The captured variables' heap cells: their own types.
            (Op::New, 8, None),
            (Op::New, 16, shape(16, 0b1)),
            // The closure object: the function id, then two cell pointers.
            (Op::New, 24, shape(24, 0b110)),
            // The method value: the wrapper's id, then T (n, then the
            // slice's pointer).
            (Op::New, 40, shape(40, 0b100)),
        ]
    );
}

#[test]
fn globals_and_args() {
    let p = build(
        "frames",
        r#"package main

var (
	g1 int
	g2 *int
	g3 string
	g4 [2]any
)

func h(a int, p *int, s []int, i any) (string, int) { return "", a }

func main() {
	_, _ = h(1, g2, nil, nil)
	println(g1, g3, g4[0] == nil)
}
"#,
    );
    // g1, g2, g3 (2 words), g4 (4 words: of each interface only its data
    // word, as gc marks them).
    assert_eq!(p.globals_mask, vec![0b1010_0110]);
    let h = p.funcs.iter().find(|f| f.name == "main.h").unwrap();
    // a, p, s (3 words), i (2: its data word), then the results: string
    // (2), int.
    assert_eq!(h.args_mask, vec![0b00_1100_0110]);
}

/// Every `.go` file under `dir`, recursively.
fn go_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            go_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "go") {
            out.push(path);
        }
    }
}

/// The rule over every golden program that builds: each allocating
/// instruction is shaped or proved noscan, shapes fit their allocations
/// (`verify_allocs`), every shape is pointerful, and each descriptor's
/// shape agrees with its ptrdata. (`compile` itself refuses a program
/// that breaks the rule; this keeps the refusal honest over the corpus.)
#[test]
fn every_golden_program_describes_its_allocations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/run");
    let mut files = Vec::new();
    go_files(&root, &mut files);
    files.sort();
    let (mut built, mut shaped, mut noscan) = (0, 0, 0);
    for file in &files {
        let prog = match build_file(file) {
            Ok(p) => p,
            Err(e) if e.contains("internal") => panic!("{}: {e}", file.display()),
            // Programs that do not build (compile errors, features not
            // implemented) have nothing to check.
            Err(_) => continue,
        };
        built += 1;
        for f in &prog.funcs {
            if let Err(e) = f.verify_allocs(&prog.shapes) {
                panic!("{}: {e}", file.display());
            }
            shaped += f.alloc_shapes.len();
            noscan += f.alloc_noscan.len();
        }
        for s in &prog.shapes {
            assert!(
                s.ptrdata > 0 && s.ptrdata <= s.size,
                "{}: {s:?}",
                file.display()
            );
            assert!(s.is_ptr(s.ptrdata / 8 - 1), "{}: {s:?}", file.display());
        }
        for t in &prog.types {
            let ptrdata = t.shape.map_or(0, |k| prog.shapes[k as usize].ptrdata);
            assert_eq!(ptrdata, t.ptrdata, "{}: {}", file.display(), t.name);
        }
    }
    // Only the compile_errors programs fail to build today.
    assert!(
        built + 5 >= files.len(),
        "only {built} of {} programs built",
        files.len()
    );
    assert!(shaped > 0 && noscan > 0);
}

/// The stores and copies of function `name` into memory, in order.
fn stores(p: &Program, name: &str) -> Vec<Op> {
    use Op::*;
    let f = p.funcs.iter().find(|f| f.name == name).expect(name);
    f.code
        .iter()
        .map(|i| i.op)
        .filter(|op| {
            matches!(
                op,
                Store8
                    | Store16
                    | Store32
                    | Store64
                    | StorePtr
                    | StoreBlk
                    | StoreBlkPtr
                    | Copy
                    | CopyPtr
            )
        })
        .collect()
}

#[test]
fn pointer_stores_are_typed() {
    let p = build(
        "stores",
        r#"package main

type T struct {
	next *T
	n    int
}

type P struct{ a, b int }

var g *T

func main() {
	t := &T{}
	t.next = t
	t.n = 1
	s := make([]string, 1)
	s[0] = "x"
	ps := make([]P, 1)
	ps[0] = P{1, 2}
	ts := make([]T, 1)
	ts[0] = T{t, 2}
	var e any = 1
	es := make([]any, 1)
	es[0] = e
	g = t
	copy(es, es)
	ns := make([]int, 1)
	copy(ns, ns)
}
"#,
    );
    use Op::*;
    assert_eq!(
        stores(&p, "main.main"),
        vec![
            // &T{}: the literal into its new object
            StoreBlkPtr,
            // t.next = t, t.n = 1
            StorePtr,
            Store64,
            // s[0] = "x": the pointer, then the length
            StorePtr,
            Store64,
            // ps[0] = P{1, 2}: no pointers
            StoreBlk,
            // ts[0] = T{t, 2}
            StoreBlkPtr,
            // any(1): the int into its box
            Store64,
            // es[0] = e: the type word (never a heap pointer), the data word
            Store64,
            StorePtr,
            // g = t
            StorePtr,
            CopyPtr,
            Copy,
        ]
    );
}

#[test]
fn channel_buffers() {
    let p = build(
        "chans",
        r#"package main

type T struct {
	a int8
	p *int
}

func main() {
	_ = make(chan *int)
	_ = make(chan int8, 4)
	_ = make(chan struct{}, 1)
	_ = make(chan T, 2)
	_ = make(chan string)
	_ = make(chan any)
	_ = make(chan [2]chan int)
}
"#,
    );
    assert_eq!(
        allocs(&p, "main.main"),
        vec![
            // Elements sit in the buffer in their frame form.
            (Op::MakeChan, 8, shape(8, 0b1)),
            // An int8 takes a frame word.
            (Op::MakeChan, 8, None),
            // Zero-size elements take no bytes.
            (Op::MakeChan, 0, None),
            (Op::MakeChan, 16, shape(16, 0b10)),
            (Op::MakeChan, 16, shape(16, 0b1)),
            (Op::MakeChan, 16, shape(16, 0b10)),
            // Channels are pointers.
            (Op::MakeChan, 16, shape(16, 0b11)),
        ]
    );
}

/// `time.After` and `time.Tick`: channels of `time.Time` (wall, ext,
/// loc: a pointer at word 2).
#[test]
fn time_channels() {
    let p = build(
        "timechans",
        r#"package main

import "time"

func main() {
	<-time.After(time.Millisecond)
	_ = time.Tick(time.Second)
}
"#,
    );
    assert_eq!(
        allocs(&p, "main.main"),
        vec![
            (Op::TimeAfter, 0, shape(24, 0b100)),
            (Op::TimeAfter, 1, shape(24, 0b100)),
        ]
    );
}

/// A select's case table lies in the frame: its channel words are
/// pointers in the stack map at the `Select`, as are the sent values and
/// the receiving slots.
#[test]
fn select_table() {
    let p = build(
        "selects",
        r#"package main

func main() {
	a := make(chan *int, 1)
	b := make(chan string, 1)
	x := 1
	select {
	case v, ok := <-a:
		println(v, ok)
	case b <- "s":
	default:
	}
	_ = x
}
"#,
    );
    let f = p.funcs.iter().find(|f| f.name == "main.main").unwrap();
    let (pc, sel) = f
        .code
        .iter()
        .enumerate()
        .find(|(_, i)| i.op == Op::Select)
        .unwrap();
    // Two cases and a default.
    assert_eq!((sel.b, sel.c), (2, 1));
    let maps = f.stack_maps.as_ref().unwrap();
    let ptrs = maps.at(pc as u32);
    let bit = |off: u32| abi::shape::mask_bit(ptrs, off / 8);
    let table = sel.a;
    // The channel words are pointers; the descriptors are not.
    assert!(bit(table) && bit(table + 16));
    assert!(!bit(table + 8) && !bit(table + 24));
    // The descriptors: a receive of 8 bytes, a send of 16, each with the
    // frame offset of its value, which the stack map covers.
    let descs: Vec<u64> = f.code[..pc]
        .iter()
        .filter(|i| i.op == Op::Const && (i.a == table + 8 || i.a == table + 24))
        .map(|i| i.b as u64 | (i.c as u64) << 32)
        .collect();
    assert_eq!(descs.len(), 2);
    assert_eq!(descs[0] & 0xffff_ffff, 1 | 8 << 1);
    assert_eq!(descs[1] & 0xffff_ffff, 16 << 1);
    assert!(bit((descs[0] >> 32) as u32));
    assert!(bit((descs[1] >> 32) as u32));
    // The receive's ok and the chosen index follow the table.
    assert_eq!(f.code[pc + 1].op, Op::JEqI);
    assert_eq!(f.code[pc + 1].a, table + 32);
}
