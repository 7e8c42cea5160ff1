//! The instruction set: typed three-address instructions over frame slots.
//!
//! An instruction is an opcode and three 32-bit operands `a`, `b`, `c`.
//! Unless an opcode says otherwise, `a` is the destination and `b`, `c` the
//! sources, each a byte offset from the frame pointer (see
//! [`crate::func`]); `…I` opcodes take `c` as a signed 32-bit immediate.
//! Branch targets are relative: the signed distance in instructions from
//! the branch to its target. Integer opcodes work on 64-bit slots; the
//! compiler follows arithmetic on narrower types with the matching
//! `Sext*`/`Zext*` so that slots stay normalised.
//!
//! Allocating opcodes name the pointer layout of what they allocate
//! through the function's metadata ([`Op::alloc`], [`crate::shape`]).

use crate::shape::Alloc;

/// One instruction as the compiler emits it. The runtime links each to its
/// handler before running it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inst {
    pub op: Op,
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

impl Inst {
    pub fn new(op: Op, a: u32, b: u32, c: u32) -> Inst {
        Inst { op, a, b, c }
    }
}

macro_rules! ops {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// The opcodes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum Op {
            $($(#[$doc])* $name,)*
        }

        impl Op {
            /// Every opcode, in declaration order.
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];

            pub fn name(self) -> &'static str {
                match self {
                    $(Op::$name => stringify!($name),)*
                }
            }
        }
    };
}

ops! {
    // ---- moves and constants ----
    /// `a = b` (8 bytes).
    Mov,
    /// `a = b` (16 bytes: strings, interfaces).
    Mov16,
    /// `a = b` (`c` bytes, a multiple of 8).
    MovN,
    /// `a = b | c << 32` (a 64-bit constant).
    Const,
    /// `a` = address of the program's read-only data at offset `b`.
    Data,
    /// Zero `c` bytes at `a`.
    Zero,

    // ---- integers (64-bit slots) ----
    Add,
    Sub,
    Mul,
    And,
    Or,
    Xor,
    AndNot,
    /// `a = b + imm(c)`.
    AddI,
    /// Signed division; panics when dividing by zero.
    DivS,
    /// `a = b / 2^c` for signed `b`, rounding toward zero.
    DivPow2S,
    DivU,
    RemS,
    RemU,
    /// `a = b << c`; counts of 64 or more give 0.
    Shl,
    /// Arithmetic shift right.
    ShrS,
    /// Logical shift right.
    ShrU,
    ShlI,
    ShrSI,
    ShrUI,
    /// Panics with "negative shift amount" if slot `a` (a signed count) is negative.
    ShiftCheck,
    /// `a = -b`.
    Neg,
    /// `a = ^b`.
    Not,
    Sext8,
    Sext16,
    Sext32,
    Zext8,
    Zext16,
    Zext32,

    // ---- comparisons (the result is a bool slot) ----
    Eq,
    Ne,
    LtS,
    LeS,
    LtU,
    LeU,
    EqI,
    NeI,
    LtSI,
    LeSI,
    GtSI,
    GeSI,

    // ---- floats ----
    AddF,
    SubF,
    MulF,
    DivF,
    NegF,
    AddF32,
    SubF32,
    MulF32,
    DivF32,
    NegF32,
    EqF,
    NeF,
    LtF,
    LeF,
    EqF32,
    NeF32,
    LtF32,
    LeF32,
    /// int64 → float64.
    I2F,
    /// uint64 → float64.
    U2F,
    /// float64 → int64 (truncation; out of range as amd64 gives).
    F2I,
    /// float64 → uint64.
    F2U,
    I2F32,
    U2F32,
    F32ToI,
    F32ToU,
    /// float64 → float32.
    FToF32,
    /// float32 → float64.
    F32ToF,

    // ---- complex numbers (complex128: 16-byte slots; complex64: 8) ----
    AddC,
    SubC,
    MulC,
    /// Division as Go's `complex128div` (Smith's algorithm, C99's
    /// infinities and zeros).
    DivC,
    NegC,
    /// `a = b == c` (both parts equal).
    EqC,
    AddC64,
    SubC64,
    MulC64,
    /// Divides in complex128 and rounds the parts, as gc does.
    DivC64,
    NegC64,
    EqC64,
    /// complex64 → complex128.
    C64ToC,
    /// complex128 → complex64.
    CToC64,

    // ---- booleans ----
    /// `a = !b`.
    BoolNot,

    // ---- control ----
    /// Jump by `a` instructions.
    Jmp,
    /// Jump by `b` if bool slot `a` is true.
    JmpIf,
    /// Jump by `b` if bool slot `a` is false.
    JmpIfNot,
    /// Jump by `c` if `a == b` (integer slots); the other compare-and-branch
    /// forms follow: `JNe`, `JLtS`, `JLeS`, `JLtU`, `JLeU`.
    JEq,
    JNe,
    JLtS,
    JLeS,
    JLtU,
    JLeU,
    /// Jump by `c` if `a == imm(b)`; and the signed-immediate forms after it.
    JEqI,
    JNeI,
    JLtSI,
    JLeSI,
    JGtSI,
    JGeSI,
    /// `a += 1`, then jump by `c` if `a < b` (signed): the increment and
    /// test closing a counted loop. `IncJLtU` compares unsigned;
    /// `IncJLtSI` against the signed immediate `b`.
    IncJLtS,
    IncJLtU,
    IncJLtSI,
    /// Jump by `c` if `a < b` (float64); `JLeF` for `<=`; the `JN…` forms
    /// jump when the comparison is false (so NaN operands jump).
    JLtF,
    JLeF,
    JNLtF,
    JNLeF,
    /// Panics unless the range-over-func state in slot `a` is 0: the
    /// iterator called the loop body after it returned false (state > 0)
    /// or after the loop ended (state -1).
    RangeCheck,
    /// Call function `a`; its frame starts at offset `b`.
    Call,
    /// Calls the func value in slot `a` (a pointer to a closure object
    /// whose first word is the function id); the callee's frame starts at
    /// `b` and its parameters and results take `c` bytes. Panics on nil.
    CallInd,
    /// `defer`: records a call of the func value in slot `a` with the `c`
    /// bytes of arguments at `b`, to run when this frame returns or panics.
    Defer,
    /// `a` = a token for this frame's deferred calls, through which the
    /// bodies of its range-over-func loops defer (`DeferAt`).
    DeferFrame,
    /// `defer` in a range-over-func body: like `Defer` with the func value
    /// and then the token of `DeferFrame` in the 16 bytes at `a`; the call
    /// runs when the frame that made the token returns or panics.
    DeferAt,
    /// Runs the calls this frame deferred, last first (before each return
    /// of a function with `defer`); `b` is the frame's size, where the
    /// deferred calls' frames start.
    RunDefers,
    /// Return to the caller.
    Ret,
    /// Stop the goroutine (end of the entry function).
    Halt,

    // ---- strings ----
    /// `a = b + c` (a new string).
    StrConcat,
    /// `a` = the concatenation of the `c` strings in the area at `b`.
    StrConcatN,
    /// `a = b == c`.
    StrEq,
    /// `a = b < c`.
    StrLt,

    // ---- memory (heap and globals; `b` or `a` holds the pointer) ----
    /// `a` = address of the package variables' memory at offset `b`.
    Global,
    /// `a = *(b + c)`, 8 bytes; panics on a nil pointer.
    Load64,
    /// `a = *(b + c)`, 4 bytes sign-extended.
    Load32S,
    Load32U,
    Load16S,
    Load16U,
    Load8S,
    Load8U,
    /// `*(a + c) = b`, 8 bytes; panics on a nil pointer.
    Store64,
    Store32,
    Store16,
    Store8,
    /// `*(a + c) = b`, 8 bytes holding a pointer: the typed store (where
    /// gc emits a write barrier; plain until marking runs concurrently).
    StorePtr,

    /// `a = fp + b`: the address of frame bytes (a narrow field of a
    /// struct held in the frame, an array indexed in place, a receiver or
    /// map key passed by address; never stored in memory). `c` is the
    /// size of the frame region reached through it: the compiler's
    /// liveness keeps that region live throughout the function (0: to the
    /// frame's end). The runtime ignores `c`.
    FrameAddr,
    /// Copies `c` bytes from pointer slot `b` to frame offset `a`; panics
    /// on a nil pointer.
    LoadBlk,
    /// Copies `c` bytes from frame offset `b` to pointer slot `a`.
    StoreBlk,
    /// `StoreBlk` of a value holding pointers (gc's `typedmemmove`).
    StoreBlkPtr,
    /// `a` = new zeroed heap memory of `c` bytes (`new(T)`, `&T{}`, heap
    /// cells, closure and method value objects, interface boxes); the
    /// element shape is given by `FuncInfo::alloc_shapes` (`c` is a
    /// multiple of its size; no entry: noscan memory).
    New,

    // ---- slices (24-byte slots: pointer, length, capacity) ----
    /// `a` = address of element `c` of slice `b`, elements of 1, 2, 4, 8
    /// or 16 bytes; panics unless `0 <= c < len(b)`.
    Index1,
    Index2,
    Index4,
    Index8,
    Index16,
    /// `a = b[c]` for a slice or string `b` of 8-byte elements, bounds
    /// checked (an `Index8` and a `Load64` in one).
    LoadIdx8,
    /// Like `Index1`…, for elements of any size: slot `a` holds the element
    /// size on entry and the address on exit.
    IndexN,
    /// `a = b[lo:hi:max]` for a slice (24 bytes) or string (16 bytes) `b`;
    /// `c` is a 4-word area: lo, hi, max, then the element size with flags
    /// in its high half (bit 0: `b` is a string; bit 1: `max` was given).
    /// Panics with Go's "slice bounds out of range" messages.
    Reslice,
    /// `a` = a new zeroed slice with the length and capacity in the two
    /// slots at `b`, of elements of `c` bytes; panics on bad sizes. The
    /// element shape is given by `FuncInfo::alloc_shapes`.
    MakeSlice,
    /// Grows slice `a` by the length in slot `b` (elements of `c` bytes),
    /// reallocating as Go's `growslice` does when the capacity is short.
    /// The element shape is given by `FuncInfo::alloc_shapes`.
    Grow,

    /// `a` = the pointer of slice `b` as a pointer to an array of `c`
    /// elements (`(*[N]T)(s)`, `[N]T(s)`); panics unless `len(b) >= c`.
    SliceToArray,
    /// `clear(s)`: zeroes the `len(a)` elements of `c` bytes of slice `a`.
    ClearSlice,
    /// `copy`: `a` is a 4-word area holding the destination slice, then
    /// the count copied (written); `b` the source slice or string; `c` the
    /// element size.
    Copy,
    /// `Copy` of elements holding pointers (gc's `typedslicecopy`).
    CopyPtr,
    /// `a = sqrt(b)` (math.Sqrt, as an intrinsic).
    SqrtF,
    /// `a = min(a, b)` for float64 with Go's rules (NaN wins, -0 < +0).
    MinF,
    /// `a = max(a, b)` for float64 (NaN wins, +0 > -0).
    MaxF,

    /// Appends slice or string `b` to slice `a` (elements of `c` bytes),
    /// growing it as `append(a, b...)` does. The element shape is given by
    /// `FuncInfo::alloc_shapes`.
    AppendSlice,
    /// Decodes the UTF-8 sequence of string `b` at the byte index in slot
    /// `c`: `a` = the rune (U+FFFD for invalid bytes), `a+8` = its width.
    DecodeRune,
    /// `a` = a new string of the bytes of slice `b` (`string(bs)`).
    BytesToStr,
    /// `a` = a new byte slice holding the bytes of string `b`.
    StrToBytes,
    /// `a` = the string of the runes in slice `b` (`string(rs)`).
    RunesToStr,
    /// `a` = a new rune slice of the runes of string `b` (`[]rune(s)`).
    StrToRunes,
    /// `a` = the UTF-8 encoding of the rune in `b` (`string(r)`).
    RuneToStr,
    /// Exits the program with the status in slot `a` (`os.Exit`).
    Exit,
    /// `a` = `os.Args` (a slice of strings made once per program); the
    /// element shape (a string's) is given by `FuncInfo::alloc_shapes`,
    /// the strings' bytes are noscan.
    OsArgs,
    /// `a` = `os.Getenv(b)`.
    Getenv,

    // ---- the collector's API (`runtime`, `runtime/debug`) ----
    /// `runtime.GC()`: a whole collection.
    GcCollect,
    /// `runtime.ReadMemStats(a)`: fills the `runtime.MemStats` that slot
    /// `a` points to (the reference release's field layout).
    ReadMemStats,
    /// `a = debug.SetGCPercent(b)`.
    SetGCPercent,
    /// `a = debug.SetMemoryLimit(b)`.
    SetMemoryLimit,
    /// `debug.FreeOSMemory()`: a collection, then every free page is
    /// returned to the OS.
    FreeOSMemory,
    /// `runtime.SetFinalizer(a, b)`: `a` is the object and `b` the
    /// finalizer, each an `any` (type word, data word). The runtime checks
    /// them as Go's `SetFinalizer` does (a pointer to the start of an
    /// allocated block, or inside a tiny one; a func of one parameter the
    /// object is assignable to), and records or, for a nil `b`, clears the
    /// object's finalizer.
    SetFinalizer,
    /// The finalizer goroutine's loop (the body of `runtime.runFinalizers`,
    /// a function the runtime makes; the compiler never emits it): calls
    /// the next queued finalizer with its frame at `b`, returning to the
    /// next instruction (a `Jmp` back here); parks while none is queued.
    RunFinq,

    // ---- goroutines and channels (`runtime/proc.go`, `chan.go`,
    // `select.go`; see `runtime/src/sched/`) ----
    /// `go f(args)`: starts a goroutine calling the func value in slot `a`
    /// with the `c` bytes of arguments at `b` (laid out as the callee's
    /// parameters; results are discarded). Operands as `Defer`'s.
    Go,
    /// `a = make(chan T, b)`: a new channel whose buffer holds the int
    /// in slot `b` elements of `c` bytes each, `c` being the element's
    /// frame size (a multiple of 8; 0 for zero-size elements). Elements
    /// sit in the buffer as they sit in a frame; the buffer's layout (the
    /// element's frame layout) is in `FuncInfo::alloc_shapes`. Panics
    /// with "makechan: size out of range" when `b` is negative or too big.
    MakeChan,
    /// `a <- b`: sends the `c` bytes at `b` on the channel in slot `a`
    /// (blocks; a nil channel blocks forever; panics on a closed one).
    ChanSend,
    /// `a = <-b`: receives `c` bytes into `a` from the channel in slot
    /// `b` (zero bytes once it is closed and drained).
    ChanRecv,
    /// `a, ok = <-b`: as `ChanRecv`, then the ok bool in the 8-byte slot
    /// at `a + c`.
    ChanRecv2,
    /// `close(a)`.
    ChanClose,
    /// `a = len(b)` for the channel in slot `b` (0 for nil).
    ChanLen,
    /// `a = cap(b)` for the channel in slot `b` (0 for nil).
    ChanCap,
    /// `select` over the `b` cases of the table at `a`; `c` is 1 when it
    /// has a `default` (never blocks), else 0. Case `k` takes 16 bytes at
    /// `a + 16k`: the channel (a pointer slot), then a descriptor word:
    /// bit 0 set for a receive, bits 1..32 the element's frame size,
    /// bits 32..64 the frame offset of the value to send or of the slot
    /// receiving (unused for size 0). After the table, `a + 16b` gets the
    /// index of the chosen case (-1: `default`) and `a + 16b + 8` the
    /// receive's ok bool. `select {}` is `b = 0, c = 0` (blocks forever).
    Select,
    /// `runtime.Gosched()`.
    Gosched,
    /// `runtime.Goexit()`: runs the goroutine's deferred calls, then ends it.
    Goexit,
    /// `a = runtime.NumGoroutine()`.
    NumGoroutine,
    /// `a = runtime.GOMAXPROCS(b)`.
    GoMaxProcs,
    /// `a = runtime.NumCPU()`: the CPUs the process may run on (its
    /// affinity mask, as Go's `getproccount` counts them).
    NumCpu,
    /// `a = runtime.Version()`: the reference release's version string
    /// (`Program::go_version`), a new string each time.
    GoVersion,
    /// `time.Sleep(a)` (nanoseconds in slot `a`).
    Sleep,
    /// `a = time.After(b)` (`c` = 0) or `time.Tick(b)` (`c` = 1): a channel of
    /// `time.Time` (24 bytes: wall, ext, loc) with a buffer of one, which
    /// receives the time after `b` nanoseconds (every `b` for `Tick`; a
    /// `Tick` of `b <= 0` is nil). The buffer's layout is in
    /// `FuncInfo::alloc_shapes`.
    TimeAfter,
    /// `a = time.Now()` (the 24-byte `time.Time`, no monotonic reading).
    TimeNow,

    // ---- maps ----
    // A map slot holds a pointer to the map's header in the Go heap (0 is
    // nil; see `runtime::map`). Operand `c` of every map instruction but
    // `MapLen` is the map type: an index into `Program::map_types`
    // (`abi::maptype`), which gives the key kind, the key's and value's
    // memory sizes, the value's frame size `V` and the pointer words. A
    // key area is 16 bytes: the key in its frame form (an 8-byte
    // normalised scalar, or a string), or for `MapKey::Gen` keys a pointer
    // to the key in memory form.
    /// `a` = a new empty map; `b` is the frame slot of the size hint (an
    /// `int`; a negative hint counts as 0, as gc's `makemap`), or 0 for
    /// none.
    MakeMap,
    /// `a = len(b)` for map `b`.
    MapLen,
    /// `a = m[k]` where `b` is an area holding the map then the key:
    /// the value (its zero value when absent, `V` bytes) and then an `ok`
    /// word are written at `a`.
    MapLoad,
    /// `m[k] = b` with the map and key in area `a`. Panics on a nil map.
    MapStore,
    /// `delete(m, k)` with the map and key in area `a`.
    MapDelete,
    /// `clear(m)` for the map in slot `a`.
    MapClear,
    /// Initialises the iteration state at `a` (`MAP_ITER_SIZE` bytes) for
    /// map `b`.
    MapIter,
    /// Advances the iteration at `b`: writes at `a` an `ok` word, the key
    /// (16 bytes: its frame form, or for `Gen` keys a pointer to the key in
    /// the map, valid until the map is next changed) and the value.
    MapNext,

    // ---- interfaces (16-byte slots: type or itab word, data word) ----
    /// `a` = the address of the descriptor of type `b`.
    TypeWord,
    /// `a` = the address of static itab `b`.
    Itab,
    /// `a` = the dynamic type word of the non-empty interface `b` (0 for nil).
    IfaceType,
    /// Calls method `c` (itab order) of the non-empty interface in slot
    /// `a`; the callee's frame starts at `b` and the caller has put the
    /// data word as its first parameter. Panics on a nil interface.
    CallIface,
    /// `a` = interface `b` converted to interface type `c >> 3`: bit 1 of
    /// `c` says `b` has methods (its first word is an itab); bit 2 that
    /// this is a conversion (nil converts to nil); bit 0 that a bool `ok`
    /// follows at `a + 16` (failure gives nil and false instead of a
    /// panic).
    AssertIface,
    /// Panics for a failed assertion of interface `a` (static type `c`)
    /// to concrete type `b`.
    AssertFail,
    /// `a = b == c` for empty interfaces; panics comparing uncomparable
    /// dynamic types.
    EfaceEq,
    /// `a = b == c` for non-empty interfaces.
    IfaceEq,

    // ---- panics ----
    /// Panics with the empty interface in slot `a`.
    Panic,
    /// `a` = the value of the panic being recovered (an empty interface),
    /// nil unless called directly by a deferred call run by a panic.
    Recover,

    // ---- printing (the print/println built-ins, to standard error) ----
    PrintInt,
    PrintUint,
    PrintFloat,
    PrintFloat32,
    PrintBool,
    PrintStr,
    /// Prints an interface's two words, `(0x…,0x…)`.
    PrintIface,
    /// Prints a complex128 as `(re+imi)` with print's float format.
    PrintComplex,
    /// Prints a complex64 (its parts as float32s).
    PrintComplex64,
    /// Prints a pointer (also maps and funcs) in hex, `0x…`.
    PrintPointer,
    /// Prints a slice as `[len/cap]0x…`.
    PrintSlice,
    PrintSpace,
    PrintNl,
    /// End of one print statement: write out what it printed.
    PrintFlush,
}

impl Op {
    /// What the opcode allocates in the Go heap (see [`crate::shape`]):
    /// the `Typed` ones name their layout in `FuncInfo::alloc_shapes` or
    /// `FuncInfo::alloc_noscan`, so adding an allocating opcode means
    /// listing it here, and the compiler's and verifier's checks follow.
    pub fn alloc(self) -> Alloc {
        use Op::*;
        match self {
            New | MakeSlice | Grow | AppendSlice | OsArgs | MakeChan | TimeAfter => Alloc::Typed,
            StrConcat | StrConcatN | BytesToStr | StrToBytes | RunesToStr | StrToRunes
            | RuneToStr | Getenv | GoVersion => Alloc::NoScan,
            // Maps (and their keys, values and iterators) live in the
            // runtime's tables, outside the Go heap, for now.
            _ => Alloc::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn op_table() {
        assert_eq!(Op::ALL.len(), Op::PrintFlush as usize + 1);
        for (i, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
        }
        assert_eq!(Op::Add.name(), "Add");
    }
}
