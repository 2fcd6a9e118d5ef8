<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="100"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="109"/>
        <source>The store did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="111"/>
        <source>Secure connection to the store failed (certificate not trusted?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="115"/>
        <source>Cannot reach the store at {}. Check the address and the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="127"/>
        <source>The store sent a malformed answer (not JSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="147"/>
        <source>The store sent a malformed reports page (not GeoJSON).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="171"/>
        <source>The store&apos;s answer to the verifications is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache.py" line="127"/>
        <source>The local cache {} is damaged or not a GeoPackage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache.py" line="132"/>
        <source>The local cache {} has an unknown layout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache.py" line="258"/>
        <source>Report {} is not in the local cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="70"/>
        <source>The store did not accept your credentials (expired or wrong token). Enter them again in the connection settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="78"/>
        <source>You are not allowed to do this: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="78"/>
        <source>access denied by the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="85"/>
        <source>Not found on the store: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="87"/>
        <source>The report changed on the store meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="89"/>
        <source>The store failed (HTTP {}). Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="90"/>
        <source>The store refused the request (HTTP {}): {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="90"/>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="50"/>
        <source>Report ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="51"/>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="76"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="75"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="54"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="55"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="56"/>
        <source>Event date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="57"/>
        <source>Event time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="58"/>
        <source>Time of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="59"/>
        <source>Days of week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="60"/>
        <source>Police unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="253"/>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="62"/>
        <source>Residents&apos; confirmations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="63"/>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="64"/>
        <source>Take up by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="65"/>
        <source>Verify by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="66"/>
        <source>Taken up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="67"/>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="68"/>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="69"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="70"/>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="71"/>
        <source>Hours left to take up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="72"/>
        <source>Hours left to verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="73"/>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="136"/>
        <source>KMZB reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="103"/>
        <source>Districts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="252"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="254"/>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="255"/>
        <source>District officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="256"/>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="257"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="258"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/model.py" line="106"/>
        <source>Nothing to send: no new status, no note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/model.py" line="108"/>
        <source>The store does not allow moving a report from “{}” to “{}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/model.py" line="113"/>
        <source>A note is required for the outcome “{}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/qgis_network.py" line="26"/>
        <source>No credentials are set for this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/qgis_network.py" line="29"/>
        <source>The credentials of this connection cannot be read from the QGIS authentication database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/qgis_network.py" line="37"/>
        <source>The authentication configuration holds no token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/tasks.py" line="74"/>
        <source>Pull cancelled; the next pull resumes from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/sync.py" line="77"/>
        <source>The store sent a malformed reports page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/tasks.py" line="32"/>
        <source>KMZB: pulling reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/tasks.py" line="58"/>
        <source>Pull failed unexpectedly; details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="40"/>
        <source>Connected. Store {} (API {}). You are {} — role {}, unit {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="52"/>
        <source>KMZB store connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="62"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="63"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="64"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="70"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="71"/>
        <source>Store URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="72"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="120"/>
        <source>Give the connection a name and an http(s):// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="127"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="68"/>
        <source>Add a connection to a KMZB store first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="71"/>
        <source>A pull is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="95"/>
        <source>Pulled {} reports ({} removed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="100"/>
        <source>{} reports with broken data were skipped; see the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="134"/>
        <source>Enter credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/provider.py" line="20"/>
        <source>KMZB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="53"/>
        <source>Manage connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="54"/>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="59"/>
        <source>What to pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="61"/>
        <source>Only the current map extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="64"/>
        <source>Submitted between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="52"/>
        <source>Pull reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="82"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="123"/>
        <source>No connection yet: add one with “…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="125"/>
        <source>Nothing pulled yet from “{}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="127"/>
        <source>{} reports in the local cache (revision {}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="133"/>
        <source>{} changes waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="145"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/plugin.py" line="59"/>
        <source>Connections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/plugin.py" line="61"/>
        <source>KMZB panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/plugin.py" line="64"/>
        <source>&amp;KMZB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/provider.py" line="23"/>
        <source>KMZB — National Security Threat Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="55"/>
        <source>Synchronisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="61"/>
        <source>Brings the local cache of a KMZB connection up to date with the store (only what changed since the last pull) and loads the reports layer. Filters: extent, status, category and submission period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="71"/>
        <source>Connection (empty: the active one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="76"/>
        <source>Only this extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="79"/>
        <source>Status codes, comma separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="84"/>
        <source>Category codes, comma separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="89"/>
        <source>Submitted from (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="94"/>
        <source>Submitted to (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="97"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="98"/>
        <source>Reports pulled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="105"/>
        <source>No KMZB connection named “{}”. Known: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="105"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="130"/>
        <source>Pulled {} reports, removed {}, cursor at revision {}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
