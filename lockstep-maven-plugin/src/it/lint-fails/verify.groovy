def log = new File(basedir, 'build.log').text
assert log.contains('LS201') : 'the locking CREATE INDEX is reported'
assert log.contains('V2__index_orders.sql:1')
assert log.contains('LS101') : 'the CREATE TABLE without IF NOT EXISTS is reported at failOn=warning'
assert log.contains('lint found') : 'the failure says why'
assert log.contains('BUILD FAILURE')
