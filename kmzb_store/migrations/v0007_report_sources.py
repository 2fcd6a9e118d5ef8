"""0007: where each report came from (catalogue.SOURCES): residents' reports are 'obywatel',
officers add threats they learned of at a debate, a meeting, by their own observation or
from police systems. PostgreSQL rebuilds each report's stored Feature and row with it.

Released: frozen as the text it ran, never edited (a change is a new migration)."""

VERSION = 7
NAME = "report sources"
SQLITE = """
ALTER TABLE reports ADD COLUMN source TEXT NOT NULL DEFAULT 'obywatel'
"""
POSTGRESQL = """
ALTER TABLE reports ADD COLUMN source text NOT NULL DEFAULT 'obywatel';
CREATE OR REPLACE FUNCTION kmzb_report_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.feature := '{"type":"Feature","id":' || NEW.id || ',"geometry":{"type":"Point","coordinates":[' || coalesce(to_json(NEW.lon)::text, 'null') || ',' || coalesce(to_json(NEW.lat)::text, 'null') || ']},"properties":{' || '"revision":' || coalesce(to_json(NEW.revision)::text, 'null') || ',' || '"category":' || coalesce(to_json(NEW.category)::text, 'null') || ',' || '"status":' || coalesce(to_json(NEW.status)::text, 'null') || ',' || '"description":' || coalesce(to_json(NEW.description)::text, 'null') || ',' || '"submitted_at":' || coalesce(to_json(to_char(NEW.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || '"event_date":' || coalesce(to_json(to_char(NEW.event_date, 'YYYY-MM-DD'))::text, 'null') || ',' || '"event_time":' || coalesce(to_json(NEW.event_time)::text, 'null') || ',' || '"time_of_day":' || coalesce(to_json(NEW.time_of_day)::text, 'null') || ',' || '"days_of_week":' || coalesce(to_json(NEW.days_of_week)::text, 'null') || ',' || '"unit_id":' || coalesce(to_json(NEW.unit_id)::text, 'null') || ',' || '"district_id":' || coalesce(to_json(NEW.district_id)::text, 'null') || ',' || '"confirmations":' || coalesce(to_json(NEW.confirmations)::text, 'null') || ',' || '"attachments":' || coalesce(to_json(NEW.attachments)::text, 'null') || ',' || '"take_up_due":' || coalesce(to_json(to_char(NEW.take_up_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || '"verify_due":' || coalesce(to_json(to_char(NEW.verify_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || '"taken_up_at":' || coalesce(to_json(to_char(NEW.taken_up_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || '"verified_at":' || coalesce(to_json(to_char(NEW.verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || '"updated_at":' || coalesce(to_json(to_char(NEW.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || '"last_note":' || coalesce(to_json(NEW.last_note)::text, 'null') || ',' || '"source":' || coalesce(to_json(NEW.source)::text, 'null') || '}}';
  NEW.row_json := '[' || coalesce(to_json(NEW.id)::text, 'null') || ',' || coalesce(to_json(NEW.lon)::text, 'null') || ',' || coalesce(to_json(NEW.lat)::text, 'null') || ',' || coalesce(to_json(NEW.revision)::text, 'null') || ',' || coalesce(to_json(NEW.category)::text, 'null') || ',' || coalesce(to_json(NEW.status)::text, 'null') || ',' || coalesce(to_json(NEW.description)::text, 'null') || ',' || coalesce(to_json(to_char(NEW.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || coalesce(to_json(to_char(NEW.event_date, 'YYYY-MM-DD'))::text, 'null') || ',' || coalesce(to_json(NEW.event_time)::text, 'null') || ',' || coalesce(to_json(NEW.time_of_day)::text, 'null') || ',' || coalesce(to_json(NEW.days_of_week)::text, 'null') || ',' || coalesce(to_json(NEW.unit_id)::text, 'null') || ',' || coalesce(to_json(NEW.district_id)::text, 'null') || ',' || coalesce(to_json(NEW.confirmations)::text, 'null') || ',' || coalesce(to_json(NEW.attachments)::text, 'null') || ',' || coalesce(to_json(to_char(NEW.take_up_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || coalesce(to_json(to_char(NEW.verify_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || coalesce(to_json(to_char(NEW.taken_up_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || coalesce(to_json(to_char(NEW.verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || coalesce(to_json(to_char(NEW.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text, 'null') || ',' || coalesce(to_json(NEW.last_note)::text, 'null') || ',' || coalesce(to_json(NEW.source)::text, 'null') || ']';
  RETURN NEW;
END
$$;
-- the trigger rebuilds each report's feature and row_json
UPDATE reports SET source = source;
ANALYZE reports
"""
