def log = new File(basedir, 'build.log').text
assert new File(basedir, 'app.db').isFile()
assert log.contains('lockstep: applied 2 migrations to SQLite') : 'the first migrate applied both'
assert log =~ /1\s+create notes\s+SQL\s+applied/ : 'info lists them as applied'
assert log.contains('lockstep: validated 2 migrations') : 'validate passed after migrate'
assert log.contains("is up to date at version 2; nothing to migrate") : "the second migrate had nothing to do"
assert log.contains('V1__create_notes.sql') && log.toLowerCase().contains('checksum') : 'validate names the edited file'
