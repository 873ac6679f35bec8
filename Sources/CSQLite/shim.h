// The SQLite C API of the system libsqlite3 (the library GRDB uses): for the store's process-wide
// settings, and for the benchmark's floor (the same look-up as one prepared statement, without
// any Swift layer in between).
#include <sqlite3.h>

// sqlite3_config takes variable arguments, which Swift cannot call: one setting per function.

// Stops SQLite from keeping memory statistics. With them (Debian's default), every allocation
// SQLite makes takes a process-wide mutex to count it; Debian's build has no lookaside
// allocator, so a look-up allocates about eight times. Must run before SQLite is first used;
// SQLITE_MISUSE otherwise (and nothing changes).
static inline int titlehold_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
