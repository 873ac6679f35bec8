// The SQLite C API of the system libsqlite3 (the library GRDB uses), for the benchmark's floor:
// the same look-up as one prepared statement, without any Swift layer in between.
#include <sqlite3.h>
