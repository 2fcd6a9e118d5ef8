<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="73"/>
        <source>Cancelled.</source>
        <translation>Anulowano.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="234"/>
        <source>The store did not answer in time.</source>
        <translation>Serwer KMZB nie odpowiedział w wyznaczonym czasie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="241"/>
        <source>Secure connection to the store failed (certificate not trusted?).</source>
        <translation>Nie udało się nawiązać bezpiecznego połączenia z serwerem KMZB (niezaufany certyfikat?).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="244"/>
        <source>Cannot reach the store at {}. Check the address and the network.</source>
        <translation>Brak połączenia z serwerem KMZB pod adresem {}. Sprawdź adres i sieć.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="256"/>
        <source>The store sent a malformed answer (not JSON).</source>
        <translation>Serwer KMZB zwrócił nieprawidłową odpowiedź (to nie jest JSON).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="287"/>
        <source>The store sent a malformed reports page (not GeoJSON).</source>
        <translation>Serwer KMZB zwrócił nieprawidłową stronę zgłoszeń (to nie jest GeoJSON).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="309"/>
        <source>The store&apos;s answer to the verifications is malformed.</source>
        <translation>Odpowiedź serwera KMZB na wysłane weryfikacje jest nieprawidłowa.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache/connection.py" line="32"/>
        <source>The local cache {} is damaged or not a GeoPackage.</source>
        <translation>Lokalna kopia {} jest uszkodzona lub nie jest plikiem GeoPackage.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache/connection.py" line="37"/>
        <source>The local cache {} has an unknown layout.</source>
        <translation>Lokalna kopia {} ma nieznaną strukturę.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="271"/>
        <source>Report {} is not in the local cache.</source>
        <translation>Zgłoszenia {} nie ma w lokalnej kopii.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="74"/>
        <source>The store did not accept your credentials (expired or wrong token). Enter them again in the connection settings.</source>
        <translation>Serwer KMZB nie przyjął danych logowania (token wygasł lub jest błędny). Wprowadź je ponownie w ustawieniach połączenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="82"/>
        <source>You are not allowed to do this: {}</source>
        <translation>Brak uprawnień do wykonania tej czynności: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="82"/>
        <source>access denied by the store</source>
        <translation>serwer KMZB odmówił dostępu</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="89"/>
        <source>Not found on the store: {}</source>
        <translation>Nie znaleziono na serwerze KMZB: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="91"/>
        <source>The report changed on the store meanwhile.</source>
        <translation>Zgłoszenie zostało w międzyczasie zmienione na serwerze KMZB.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="93"/>
        <source>The store failed (HTTP {}). Try again later.</source>
        <translation>Błąd serwera KMZB (HTTP {}). Spróbuj ponownie później.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/errors.py" line="94"/>
        <source>The store refused the request (HTTP {}): {}</source>
        <translation>Serwer KMZB odrzucił żądanie (HTTP {}): {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="371"/>
        <source>no reason given</source>
        <translation>nie podano powodu</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="61"/>
        <source>Report ID</source>
        <translation>ID zgłoszenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="62"/>
        <source>Revision</source>
        <translation>Wersja</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="94"/>
        <source>Category</source>
        <translation>Kategoria</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="94"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="56"/>
        <source>Description</source>
        <translation>Opis</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="66"/>
        <source>Submitted</source>
        <translation>Data zgłoszenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="67"/>
        <source>Event date</source>
        <translation>Data zdarzenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="68"/>
        <source>Event time</source>
        <translation>Godzina zdarzenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="69"/>
        <source>Time of day</source>
        <translation>Pora dnia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="70"/>
        <source>Days of week</source>
        <translation>Dni tygodnia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/summary_layer.py" line="61"/>
        <source>Police unit</source>
        <translation>Jednostka Policji</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="94"/>
        <source>District</source>
        <translation>Rejon</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="73"/>
        <source>Residents&apos; confirmations</source>
        <translation>Potwierdzenia mieszkańców</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="74"/>
        <source>Attachments</source>
        <translation>Załączniki</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="76"/>
        <source>Take up by</source>
        <translation>Termin podjęcia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="77"/>
        <source>Verify by</source>
        <translation>Termin weryfikacji</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="78"/>
        <source>Taken up</source>
        <translation>Data podjęcia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="79"/>
        <source>Verified</source>
        <translation>Data weryfikacji</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="80"/>
        <source>Last change</source>
        <translation>Ostatnia zmiana</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="81"/>
        <source>Note</source>
        <translation>Notatka</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="83"/>
        <source>Waiting to be sent</source>
        <translation>Oczekuje na wysłanie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="84"/>
        <source>Hours left to take up</source>
        <translation>Godziny do terminu podjęcia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="85"/>
        <source>Hours left to verify</source>
        <translation>Godziny do terminu weryfikacji</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="82"/>
        <source>Overdue</source>
        <translation>Po terminie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="104"/>
        <source>KMZB reports</source>
        <translation>Zgłoszenia KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="45"/>
        <source>Districts</source>
        <translation>Rejony dzielnicowych</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="304"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="68"/>
        <source>Unit</source>
        <translation>Jednostka</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/summary_model.py" line="29"/>
        <source>District officer</source>
        <translation>Dzielnicowy</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="308"/>
        <source>Rank</source>
        <translation>Stopień</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="309"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="310"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/model.py" line="188"/>
        <source>Nothing to send: no new status, no note.</source>
        <translation>Nie ma nic do wysłania: brak nowego statusu i notatki.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/model.py" line="190"/>
        <source>The store does not allow moving a report from “{}” to “{}”.</source>
        <translation>Serwer KMZB nie pozwala zmienić statusu zgłoszenia z „{}” na „{}”.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/model.py" line="195"/>
        <source>A note is required for the outcome “{}”.</source>
        <translation>Wynik „{}” wymaga notatki.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/qgis_network.py" line="24"/>
        <source>No credentials are set for this connection.</source>
        <translation>Dla tego połączenia nie ustawiono danych logowania.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/qgis_network.py" line="28"/>
        <source>The credentials of this connection cannot be read from the QGIS authentication database.</source>
        <translation>Nie można odczytać danych logowania tego połączenia z bazy uwierzytelniania QGIS.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/qgis_network.py" line="36"/>
        <source>The authentication configuration holds no token.</source>
        <translation>Konfiguracja uwierzytelniania nie zawiera tokenu.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/sync.py" line="92"/>
        <source>Pull cancelled; the next pull resumes from here.</source>
        <translation>Pobieranie anulowano; następne pobranie będzie kontynuowane od tego miejsca.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/sync.py" line="95"/>
        <source>The store sent a malformed reports page.</source>
        <translation>Serwer KMZB zwrócił nieprawidłową stronę zgłoszeń.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/tasks.py" line="109"/>
        <source>KMZB: pulling reports</source>
        <translation>KMZB: pobieranie zgłoszeń</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="34"/>
        <source>Connected. Store {} (API {}). You are {} — role {}, unit {}.</source>
        <translation>Połączono. Serwer KMZB {} (API {}). Zalogowano jako {} — rola: {}, jednostka: {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="46"/>
        <source>KMZB store connections</source>
        <translation>Połączenia z serwerem KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="56"/>
        <source>Test connection</source>
        <translation>Sprawdź połączenie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="57"/>
        <source>Delete</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="58"/>
        <source>New</source>
        <translation>Nowe</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="64"/>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="65"/>
        <source>Store URL</source>
        <translation>Adres serwera KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="66"/>
        <source>Credentials</source>
        <translation>Dane logowania</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="116"/>
        <source>Give the connection a name and an http(s):// URL.</source>
        <translation>Podaj nazwę połączenia i adres zaczynający się od http(s)://.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/connection_dialog.py" line="123"/>
        <source>Saved.</source>
        <translation>Zapisano.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="148"/>
        <source>Add a connection to a KMZB store first.</source>
        <translation>Najpierw dodaj połączenie z serwerem KMZB.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="154"/>
        <source>A pull is already running.</source>
        <translation>Pobieranie już trwa.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="184"/>
        <source>Pulled {} reports ({} removed).</source>
        <translation>Pobrano zgłoszenia: {} (usunięto: {}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="189"/>
        <source>{} reports with broken data were skipped; see the log.</source>
        <translation>Pominięte zgłoszenia z uszkodzonymi danymi: {}; szczegóły w dzienniku.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="374"/>
        <source>Enter credentials…</source>
        <translation>Wprowadź dane logowania…</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/provider.py" line="20"/>
        <source>KMZB</source>
        <translation>KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="53"/>
        <source>Manage connections</source>
        <translation>Zarządzaj połączeniami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="54"/>
        <source>Store</source>
        <translation>Serwer KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="59"/>
        <source>What to pull</source>
        <translation>Co pobrać</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="61"/>
        <source>Only the current map extent</source>
        <translation>Tylko bieżący zasięg mapy</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="65"/>
        <source>Submitted between</source>
        <translation>Zgłoszone w okresie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="40"/>
        <source>Pull reports</source>
        <translation>Pobierz zgłoszenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="84"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="146"/>
        <source>No connection yet: add one with “…”.</source>
        <translation>Brak połączenia: dodaj je przyciskiem „…”.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="148"/>
        <source>Nothing pulled yet from “{}”.</source>
        <translation>Nie pobrano jeszcze niczego z „{}”.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="150"/>
        <source>{} reports in the local cache (revision {}).</source>
        <translation>Zgłoszenia w lokalnej kopii: {} (wersja {}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="207"/>
        <source>{} changes waiting to be sent</source>
        <translation>Zmiany oczekujące na wysłanie: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="169"/>
        <source>All</source>
        <translation>Wszystkie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/menu.py" line="30"/>
        <source>Connections…</source>
        <translation>Połączenia…</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/menu.py" line="46"/>
        <source>KMZB panel</source>
        <translation>Panel KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/menu.py" line="50"/>
        <source>&amp;KMZB</source>
        <translation>&amp;KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/provider.py" line="23"/>
        <source>KMZB — National Security Threat Map</source>
        <translation>KMZB — Krajowa Mapa Zagrożeń Bezpieczeństwa</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/common.py" line="100"/>
        <source>Synchronisation</source>
        <translation>Synchronizacja</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/common.py" line="27"/>
        <source>Connection (empty: the active one)</source>
        <translation>Połączenie (puste: aktywne)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="51"/>
        <source>Only this extent</source>
        <translation>Tylko ten zasięg</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="54"/>
        <source>Status codes, comma separated</source>
        <translation>Kody statusów, rozdzielone przecinkami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="59"/>
        <source>Category codes, comma separated</source>
        <translation>Kody kategorii, rozdzielone przecinkami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="69"/>
        <source>Submitted from (YYYY-MM-DD)</source>
        <translation>Zgłoszone od (RRRR-MM-DD)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="74"/>
        <source>Submitted to (YYYY-MM-DD)</source>
        <translation>Zgłoszone do (RRRR-MM-DD)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="77"/>
        <source>Reports</source>
        <translation>Zgłoszenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="78"/>
        <source>Reports pulled</source>
        <translation>Pobrane zgłoszenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/common.py" line="36"/>
        <source>No KMZB connection named “{}”. Known: {}</source>
        <translation>Brak połączenia KMZB o nazwie „{}”. Dostępne: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/common.py" line="36"/>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="98"/>
        <source>Pulled {} reports, removed {}, cursor at revision {}.</source>
        <translation>Pobrano zgłoszenia: {}, usunięto: {}, kursor na wersji {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/push.py" line="71"/>
        <source>Push cancelled; unsent changes stay queued.</source>
        <translation>Wysyłanie anulowano; niewysłane zmiany nadal oczekują na wysłanie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/push.py" line="96"/>
        <source>The store&apos;s answer misses a change.</source>
        <translation>W odpowiedzi serwera KMZB brakuje jednej ze zmian.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache/outbox.py" line="151"/>
        <source>Someone else changed this report meanwhile.</source>
        <translation>W międzyczasie ktoś inny zmienił to zgłoszenie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache/outbox.py" line="161"/>
        <source>You are not allowed to change this report.</source>
        <translation>Nie masz uprawnień do zmiany tego zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/push.py" line="98"/>
        <source>The store&apos;s answer to a change is malformed.</source>
        <translation>Odpowiedź serwera KMZB na zmianę jest nieprawidłowa.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/tasks.py" line="59"/>
        <source>{} failed unexpectedly; details are in the log.</source>
        <translation>{} — nieoczekiwany błąd; szczegóły w dzienniku.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/tasks.py" line="71"/>
        <source>Cancelled; the next run resumes from here.</source>
        <translation>Anulowano; następne uruchomienie będzie kontynuowane od tego miejsca.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/tasks.py" line="116"/>
        <source>KMZB: sending verifications</source>
        <translation>KMZB: wysyłanie weryfikacji</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/verify.py" line="30"/>
        <source>The note is too long ({} characters, at most {}).</source>
        <translation>Notatka jest za długa (liczba znaków: {}, maksymalnie {}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/verify.py" line="35"/>
        <source>Choose at least one report.</source>
        <translation>Wybierz co najmniej jedno zgłoszenie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/outbox_actions.py" line="57"/>
        <source>Report {}: {}</source>
        <translation>Zgłoszenie {}: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/outbox_actions.py" line="59"/>
        <source>Yours: status {}, note: {}</source>
        <translation>Twoja zmiana: status {}, notatka: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/outbox_actions.py" line="63"/>
        <source>The store&apos;s: status {}, note: {} (revision {})</source>
        <translation>Na serwerze KMZB: status {}, notatka: {} (wersja {})</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="82"/>
        <source>Pull reports first.</source>
        <translation>Najpierw pobierz zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="310"/>
        <source>Saved {} change(s); sending…</source>
        <translation>Zapisane zmiany: {}; wysyłanie…</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/push_verifications.py" line="56"/>
        <source>Sent: {} applied, {} conflicts, {} refused.</source>
        <translation>Wysłano. Przyjęte: {}, konflikty: {}, odrzucone: {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/controller.py" line="344"/>
        <source>The store is not reachable; your changes wait and will be sent later.</source>
        <translation>Serwer KMZB jest niedostępny; zmiany oczekują na wysłanie i zostaną wysłane później.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/report_actions.py" line="71"/>
        <source>KMZB: report details</source>
        <translation>KMZB: szczegóły zgłoszenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="112"/>
        <source>Pull</source>
        <translation>Pobieranie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="183"/>
        <source>Verify</source>
        <translation>Weryfikacja</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="94"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="94"/>
        <source>Deadline</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="104"/>
        <source>Report</source>
        <translation>Zgłoszenie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="119"/>
        <source>Note (required for an outcome)</source>
        <translation>Notatka (wymagana przy wyniku weryfikacji)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="123"/>
        <source>Apply to all selected reports</source>
        <translation>Zastosuj do wszystkich zaznaczonych zgłoszeń</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="124"/>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="134"/>
        <source>Send now</source>
        <translation>Wyślij teraz</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="142"/>
        <source>Re-apply mine on the current state</source>
        <translation>Ponów moją zmianę na aktualnym stanie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="143"/>
        <source>Drop mine, keep the store&apos;s</source>
        <translation>Odrzuć moją zmianę, zachowaj wersję z serwera KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="200"/>
        <source>To take up: {} · to verify: {} · overdue: {}</source>
        <translation>Do podjęcia: {} · do weryfikacji: {} · po terminie: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="207"/>
        <source>Everything sent.</source>
        <translation>Wszystko wysłano.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="214"/>
        <source>Report {}: {} — {}</source>
        <translation>Zgłoszenie {}: {} — {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="278"/>
        <source>Report {} — {}</source>
        <translation>Zgłoszenie {} — {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="281"/>
        <source>Status: {}</source>
        <translation>Status: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="282"/>
        <source>Submitted: {}</source>
        <translation>Data zgłoszenia: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="291"/>
        <source>A change waits to be sent.</source>
        <translation>Zmiana oczekuje na wysłanie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="383"/>
        <source>(no description)</source>
        <translation>(brak opisu)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="294"/>
        <source>Note: {}</source>
        <translation>Notatka: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="312"/>
        <source>📎 {} ({} kB)</source>
        <translation>📎 {} ({} kB)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="326"/>
        <source>History:</source>
        <translation>Historia:</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/map_tool.py" line="80"/>
        <source>Verify reports on the map</source>
        <translation>Zweryfikuj zgłoszenia na mapie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/push_verifications.py" line="25"/>
        <source>Send verifications</source>
        <translation>Wyślij weryfikacje</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/push_verifications.py" line="28"/>
        <source>Sends every verification waiting in the outbox of a KMZB connection. A change leaves the outbox only once the store confirmed it; conflicts and refusals stay there with the store&apos;s reason.</source>
        <translation>Wysyła wszystkie weryfikacje z połączenia KMZB oczekujące na wysłanie. Zmiana przestaje oczekiwać dopiero wtedy, gdy serwer KMZB ją potwierdzi; konflikty i odrzucone zmiany pozostają wśród oczekujących wraz z powodem podanym przez serwer KMZB.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/push_verifications.py" line="36"/>
        <source>Applied</source>
        <translation>Przyjęte</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/push_verifications.py" line="36"/>
        <source>Conflicts</source>
        <translation>Konflikty</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/push_verifications.py" line="36"/>
        <source>Refused</source>
        <translation>Odrzucone</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/push_verifications.py" line="36"/>
        <source>Still waiting</source>
        <translation>Nadal oczekujące</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="107"/>
        <source>invalid geometry</source>
        <translation>nieprawidłowa geometria</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="116"/>
        <source>{}: cannot read the file as a vector layer.</source>
        <translation>{}: nie można odczytać pliku jako warstwy wektorowej.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="118"/>
        <source>{}: districts must be polygons.</source>
        <translation>{}: rejony muszą być poligonami.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="120"/>
        <source>{}: the file has no coordinate reference system.</source>
        <translation>{}: plik nie ma układu współrzędnych.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="123"/>
        <source>{}: the file needs a district code and name field (code/kod, name/nazwa).</source>
        <translation>{}: plik musi mieć pole z kodem i nazwą rejonu (code/kod, name/nazwa).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="133"/>
        <source>district “{}” (feature {})</source>
        <translation>rejon „{}” (obiekt {})</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="138"/>
        <source>{}: {} has no geometry.</source>
        <translation>{}: {} nie ma geometrii.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="142"/>
        <source>{}: {} has no area left after repair ({}).</source>
        <translation>{}: {} po naprawie nie ma powierzchni ({}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="146"/>
        <source>{}: invalid polygon repaired ({}).</source>
        <translation>{}: naprawiono nieprawidłowy poligon ({}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/district_file.py" line="153"/>
        <source>{}: the layer has no districts.</source>
        <translation>{}: warstwa nie zawiera żadnych rejonów.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="87"/>
        <source>Outside every district</source>
        <translation>Poza wszystkimi rejonami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/place_search.py" line="103"/>
        <source>Outside every district in the local cache.</source>
        <translation>Poza wszystkimi rejonami z lokalnej kopii.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/place_search.py" line="110"/>
        <source>phone {}</source>
        <translation>tel. {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/place_search.py" line="112"/>
        <source>e-mail {}</source>
        <translation>e-mail {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/place_search.py" line="134"/>
        <source>Report {}</source>
        <translation>Zgłoszenie {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/summary_layer.py" line="59"/>
        <source>District ID</source>
        <translation>ID rejonu</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="82"/>
        <source>To take up</source>
        <translation>Do podjęcia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="82"/>
        <source>To verify</source>
        <translation>Do weryfikacji</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/summary_layer.py" line="67"/>
        <source>Confirmed by residents (share)</source>
        <translation>Potwierdzone przez mieszkańców (udział)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/district_actions.py" line="66"/>
        <source>No district is assigned to you in the store; pull reports first.</source>
        <translation>Serwer KMZB nie przypisał Ci rejonu; najpierw pobierz zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/district_actions.py" line="157"/>
        <source>Loaded {} districts from {}.</source>
        <translation>Wczytano {} rejonów z {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/district_actions.py" line="169"/>
        <source>Only an admin may change districts.</source>
        <translation>Tylko administrator może zmieniać rejony.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/district_actions.py" line="181"/>
        <source>KMZB: uploading districts</source>
        <translation>KMZB: wysyłanie rejonów</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/district_actions.py" line="188"/>
        <source>Districts sent: {} new, {} changed, {} reports moved.</source>
        <translation>Wysłano rejony: {} nowych, {} zmienionych, {} zgłoszeń przeniesionych.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="42"/>
        <source>Reports of</source>
        <translation>Zgłoszenia z</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="44"/>
        <source>My district</source>
        <translation>Mój rejon</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/notifier.py" line="55"/>
        <source>Show</source>
        <translation>Pokaż</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="53"/>
        <source>Clear filter</source>
        <translation>Wyczyść filtr</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="70"/>
        <source>Load per district</source>
        <translation>Obciążenie rejonów</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="69"/>
        <source>Count</source>
        <translation>Policz</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="80"/>
        <source>District files</source>
        <translation>Pliki rejonów</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="82"/>
        <source>Load from file…</source>
        <translation>Wczytaj z pliku…</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="83"/>
        <source>Send to the store</source>
        <translation>Wyślij na serwer KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="109"/>
        <source>Unit: {}</source>
        <translation>Jednostka: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="132"/>
        <source>Load per district {} – {}</source>
        <translation>Obciążenie rejonów {} – {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="115"/>
        <source>{} districts, {} reports.</source>
        <translation>Rejonów: {}, zgłoszeń: {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/districts_panel.py" line="157"/>
        <source>Districts from a file</source>
        <translation>Rejony z pliku</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/locator.py" line="36"/>
        <source>KMZB: who covers this place</source>
        <translation>KMZB: kto obsługuje to miejsce</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/summary_model.py" line="34"/>
        <source>Confirmed by residents</source>
        <translation>Potwierdzone przez mieszkańców</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/menu.py" line="33"/>
        <source>Who covers this place</source>
        <translation>Kto obsługuje to miejsce</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="51"/>
        <source>Counts the cached reports of a KMZB connection per district for a period: by status, to take up, to verify, overdue and the share confirmed by residents. Writes the districts with these fields, styled by the overdue count. Works offline on what the last pull brought.</source>
        <translation>Liczy zgłoszenia z lokalnej kopii połączenia KMZB w każdym rejonie za wybrany okres: według statusu, do podjęcia, do weryfikacji, po terminie oraz udział potwierdzonych przez mieszkańców. Zapisuje rejony z tymi polami, pokolorowane według liczby zgłoszeń po terminie. Działa bez sieci na danych z ostatniego pobrania.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="65"/>
        <source>Only the districts of police unit (ID)</source>
        <translation>Tylko rejony jednostki Policji (ID)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/district_actions.py" line="126"/>
        <source>KMZB: load per district</source>
        <translation>KMZB: obciążenie rejonów</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layer_edits.py" line="104"/>
        <source>Report locations come from residents; moves are not saved.</source>
        <translation>Położenie zgłoszenia wskazują mieszkańcy; przesunięcia nie są zapisywane.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layer_edits.py" line="106"/>
        <source>Reports cannot be deleted; {} kept.</source>
        <translation>Zgłoszeń nie można usuwać; zachowano {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layer_edits.py" line="110"/>
        <source>Reports come only from residents; new points are not saved.</source>
        <translation>Zgłoszenia pochodzą tylko od mieszkańców; nowe punkty nie są zapisywane.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="75"/>
        <source>Photo</source>
        <translation>Zdjęcie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/verify.py" line="49"/>
        <source>Report {}: the note is too long ({} characters, at most {}).</source>
        <translation>Zgłoszenie {}: notatka jest za długa ({} znaków, najwyżej {}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/report_actions.py" line="103"/>
        <source>Could not save the attachment: {}</source>
        <translation>Nie udało się zapisać załącznika: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="85"/>
        <source>Double-click a district to see its queue; again for all.</source>
        <translation>Kliknij dwukrotnie rejon, aby zobaczyć jego kolejkę; ponownie — wszystkie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="100"/>
        <source>The period starts ({}) after it ends ({}).</source>
        <translation>Okres zaczyna się ({}) po swoim końcu ({}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="105"/>
        <source>No districts in the local cache: pull reports first.</source>
        <translation>W lokalnej kopii nie ma rejonów: najpierw pobierz zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="106"/>
        <source>all districts in the cache</source>
        <translation>wszystkie rejony w lokalnej kopii</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="115"/>
        <source>No district “{}” in the local cache.</source>
        <translation>W lokalnej kopii nie ma rejonu „{}”.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="122"/>
        <source>No police unit “{}” in the local cache.</source>
        <translation>W lokalnej kopii nie ma jednostki Policji „{}”.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="123"/>
        <source>unit {}</source>
        <translation>jednostka {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="148"/>
        <source>No reports for {} in the period {}: nothing to brief. Pull reports for this period or choose a wider one.</source>
        <translation>Brak zgłoszeń dla: {} w okresie {} — nie ma czego przedstawić na odprawie. Pobierz zgłoszenia z tego okresu albo wybierz szerszy okres.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="214"/>
        <source>the beginning</source>
        <translation>początku</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing.py" line="215"/>
        <source>today</source>
        <translation>dziś</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="56"/>
        <source>Reports by status</source>
        <translation>Zgłoszenia według statusu</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="65"/>
        <source>KMZB briefing</source>
        <translation>Odprawa KMZB</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="71"/>
        <source>Reports submitted {}: {} in total, {} past a deadline</source>
        <translation>Zgłoszenia z okresu {}: razem {}, po terminie {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="94"/>
        <source>Top categories</source>
        <translation>Najczęstsze kategorie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="107"/>
        <source>Residents&apos; +1</source>
        <translation>Z „+1” od mieszkańców</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="137"/>
        <source>Past a deadline</source>
        <translation>Po terminie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="139"/>
        <source>Past a deadline (the {} most overdue of {})</source>
        <translation>Po terminie ({} najbardziej opóźnionych z {})</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="143"/>
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="143"/>
        <source>Due</source>
        <translation>Termin</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="159"/>
        <source>KMZB briefing — {}</source>
        <translation>Odprawa KMZB — {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="176"/>
        <source>Could not write the PDF {}: {}</source>
        <translation>Nie udało się zapisać pliku PDF {}: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="183"/>
        <source>Could not write the PNG {}: {}</source>
        <translation>Nie udało się zapisać pliku PNG {}: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="256"/>
        <source>Legend</source>
        <translation>Legenda</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="277"/>
        <source>Red ring: past a deadline</source>
        <translation>Czerwona obwódka: po terminie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="286"/>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/briefing_layout.py" line="333"/>
        <source>Prepared {} by {}. Source: KMZB store, local cache of the plugin.</source>
        <translation>Opracowano {}, autor: {}. Źródło: serwer KMZB, lokalna kopia wtyczki.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="35"/>
        <source>Briefing (PDF and PNG)</source>
        <translation>Odprawa (PDF i PNG)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="38"/>
        <source>Analysis</source>
        <translation>Analiza</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="51"/>
        <source>A print layout for a commander&apos;s briefing from the local cache of a KMZB connection: the map of reports by status over the districts with legend, scale bar and north arrow, the district table, the top categories, the reports past a deadline, the date and the author. Choose a unit or one district and the submission period; pull the reports for that period first.</source>
        <translation>Wydruk na odprawę u przełożonego z lokalnej kopii połączenia KMZB: mapa zgłoszeń według statusu na tle rejonów z legendą, podziałką i strzałką północy, tabela rejonów, najczęstsze kategorie, zgłoszenia po terminie, data i autor. Wybierz jednostkę albo jeden rejon oraz okres przyjęcia zgłoszeń; najpierw pobierz zgłoszenia z tego okresu.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="61"/>
        <source>Police unit (id or name; empty: every cached district)</source>
        <translation>Jednostka Policji (identyfikator lub nazwa; puste: wszystkie rejony w lokalnej kopii)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="61"/>
        <source>District (id, code or name; overrides the unit)</source>
        <translation>Rejon (identyfikator, kod lub nazwa; zastępuje jednostkę)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="61"/>
        <source>Author (empty: the connection&apos;s user)</source>
        <translation>Autor (puste: użytkownik połączenia)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="69"/>
        <source>Briefing PDF</source>
        <translation>Odprawa — PDF</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="69"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="72"/>
        <source>Briefing PNG (one file per page: name.png, name_2.png, …)</source>
        <translation>Odprawa — PNG (plik na każdą stronę: nazwa.png, nazwa_2.png, …)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="72"/>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="80"/>
        <source>Reports in the briefing</source>
        <translation>Zgłoszeń w odprawie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="81"/>
        <source>Pages</source>
        <translation>Stron</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="104"/>
        <source>The connection “{}” has no local cache yet: pull reports first.</source>
        <translation>Połączenie „{}” nie ma jeszcze lokalnej kopii: najpierw pobierz zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/briefing.py" line="129"/>
        <source>Written: {}</source>
        <translation>Zapisano: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="16"/>
        <source>Mon</source>
        <translation>pon.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="16"/>
        <source>Tue</source>
        <translation>wt.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="16"/>
        <source>Wed</source>
        <translation>śr.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="16"/>
        <source>Thu</source>
        <translation>czw.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="16"/>
        <source>Fri</source>
        <translation>pt.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="16"/>
        <source>Sat</source>
        <translation>sob.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="16"/>
        <source>Sun</source>
        <translation>niedz.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="79"/>
        <source>Reports per week</source>
        <translation>Zgłoszenia w tygodniach</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/charts.py" line="35"/>
        <source>Week starting</source>
        <translation>Tydzień od</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/charts.py" line="47"/>
        <source>Hour (local time)</source>
        <translation>Godzina (czas lokalny)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/charts.py" line="48"/>
        <source>Reports by day of week and hour</source>
        <translation>Zgłoszenia według dnia tygodnia i godziny</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/charts.py" line="60"/>
        <source>First period</source>
        <translation>Pierwszy okres</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/charts.py" line="61"/>
        <source>Second period</source>
        <translation>Drugi okres</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/getis_ord.py" line="46"/>
        <source>Gi* needs reports in at least 3 cells; here they fill {}. Use smaller cells.</source>
        <translation>Gi* wymaga zgłoszeń w co najmniej 3 komórkach; tu zajmują {}. Użyj mniejszych komórek.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/getis_ord.py" line="52"/>
        <source>Every one of the {} cells holds {:g} reports: with no differences there are no hot spots. Use larger cells.</source>
        <translation>Każda z {} komórek zawiera {:g} zgłoszeń: bez różnic nie ma gorących punktów. Użyj większych komórek.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/getis_ord.py" line="99"/>
        <source>The distance band ({:.0f} m) is shorter than the cell size ({:.0f} m): no cell would have a neighbour.</source>
        <translation>Pasmo odległości ({:.0f} m) jest krótsze niż rozmiar komórki ({:.0f} m): żadna komórka nie miałaby sąsiada.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/hexgrid.py" line="117"/>
        <source>The cell size is {} but must be in metres (EPSG:2180) and over {} m; a size in degrees will not do.</source>
        <translation>Rozmiar komórki wynosi {}, a musi być podany w metrach (EPSG:2180) i przekraczać {} m; rozmiar w stopniach się nie nadaje.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/hexgrid.py" line="127"/>
        <source>A cell size of {:.0f} m is too small for an area of {:.0f} × {:.0f} km: it would make {:,.0f} cells (at most {:,}). Use at least {:.0f} m.</source>
        <translation>Rozmiar komórki {:.0f} m jest za mały dla obszaru {:.0f} × {:.0f} km: powstałoby {:,.0f} komórek (najwyżej {:,}). Użyj co najmniej {:.0f} m.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/kde.py" line="55"/>
        <source>The radius and the pixel size must be positive, in metres.</source>
        <translation>Promień i rozmiar piksela muszą być dodatnie, w metrach.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/kde.py" line="57"/>
        <source>The pixel size ({:.0f} m) must not exceed the radius ({:.0f} m).</source>
        <translation>Rozmiar piksela ({:.0f} m) nie może przekraczać promienia ({:.0f} m).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/kde.py" line="68"/>
        <source>A pixel size of {:.0f} m is too small for this area: {:,} × {:,} pixels (at most {:,} in total).</source>
        <translation>Rozmiar piksela {:.0f} m jest za mały dla tego obszaru: {:,} × {:,} pikseli (najwyżej {:,} łącznie).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/near_repeat.py" line="61"/>
        <source>The distance and the time window must both be positive.</source>
        <translation>Odległość i okno czasowe muszą być dodatnie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/near_repeat.py" line="63"/>
        <source>Some reports have no submission time.</source>
        <translation>Niektóre zgłoszenia nie mają daty zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/raster.py" line="21"/>
        <source>Cannot write the raster {}.</source>
        <translation>Nie można zapisać rastra {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis/raster.py" line="28"/>
        <source>Reports per km²</source>
        <translation>Zgłoszenia na km²</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="37"/>
        <source>Hot spot — 99% confidence</source>
        <translation>Gorący punkt — ufność 99%</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="38"/>
        <source>Hot spot — 95% confidence</source>
        <translation>Gorący punkt — ufność 95%</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="39"/>
        <source>Hot spot — 90% confidence</source>
        <translation>Gorący punkt — ufność 90%</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="40"/>
        <source>Not significant</source>
        <translation>Nieistotne statystycznie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="41"/>
        <source>Cold spot — 90% confidence</source>
        <translation>Zimny punkt — ufność 90%</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="42"/>
        <source>Cold spot — 95% confidence</source>
        <translation>Zimny punkt — ufność 95%</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="43"/>
        <source>Cold spot — 99% confidence</source>
        <translation>Zimny punkt — ufność 99%</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="92"/>
        <source>Originator (earliest report of the cluster)</source>
        <translation>Zgłoszenie pierwotne (najwcześniejsze w skupisku)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/analysis_styles.py" line="92"/>
        <source>Repeat</source>
        <translation>Powtórzenie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="49"/>
        <source>The period is empty: it starts on {} but ends on {}.</source>
        <translation>Okres jest pusty: zaczyna się {}, a kończy {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="89"/>
        <source>Reports (the KMZB reports layer or one with the same fields)</source>
        <translation>Zgłoszenia (warstwa zgłoszeń KMZB lub warstwa o tych samych polach)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="96"/>
        <source>Only category codes, comma separated</source>
        <translation>Tylko kody kategorii, rozdzielone przecinkami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="96"/>
        <source>Only status codes, comma separated</source>
        <translation>Tylko kody statusów, rozdzielone przecinkami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="96"/>
        <source>Submitted to (YYYY-MM-DD, inclusive)</source>
        <translation>Zgłoszone do (RRRR-MM-DD, włącznie)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="118"/>
        <source>The reports layer has no coordinate reference system; set one first.</source>
        <translation>Warstwa zgłoszeń nie ma układu współrzędnych; najpierw go ustaw.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="83"/>
        <source>Submitted from</source>
        <translation>Zgłoszone od</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/district_summary.py" line="83"/>
        <source>Submitted to</source>
        <translation>Zgłoszone do</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="140"/>
        <source>The reports layer has no field {}; use the KMZB reports layer.</source>
        <translation>Warstwa zgłoszeń nie ma pola {}; użyj warstwy zgłoszeń KMZB.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="146"/>
        <source>The reports layer is empty.</source>
        <translation>Warstwa zgłoszeń jest pusta.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="166"/>
        <source>all</source>
        <translation>wszystkie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="178"/>
        <source>{:,} reports analysed.</source>
        <translation>Przeanalizowano zgłoszeń: {:,}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="195"/>
        <source>{:,} reports fall outside Poland once transformed from {} to EPSG:2180 (or have no point): is the layer&apos;s coordinate reference system right?</source>
        <translation>Zgłoszenia poza Polską po przeliczeniu z {1} do EPSG:2180 (lub bez punktu): {0:,}. Czy układ współrzędnych warstwy jest poprawny?</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="195"/>
        <source>its CRS</source>
        <translation>jej układu</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="52"/>
        <source>Hot spots (Getis-Ord Gi*)</source>
        <translation>Gorące punkty (Getis-Ord Gi*)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="55"/>
        <source>Counts reports in hexagons (sized as in Create grid: the distance between neighbouring centres, in metres of EPSG:2180) and computes Getis-Ord Gi* over the hexagons that hold reports, with binary weights within the distance band (default two cell sizes: the two rings around a cell). Each hexagon gets its z-score, p-value and bin: ±3, ±2, ±1 for hot/cold spots at 99, 95 and 90% confidence (optionally with the false discovery rate correction), 0 not significant. Cell size 0 suggests one from the data: twice the mean nearest-neighbour distance expected at random, rounded.</source>
        <translation>Zlicza zgłoszenia w sześciokątach (o rozmiarze jak w „Utwórz siatkę”: odległość między środkami sąsiednich sześciokątów, w metrach EPSG:2180) i oblicza statystykę Getisa-Orda Gi* dla sześciokątów zawierających zgłoszenia, z wagami binarnymi w paśmie odległości (domyślnie dwa rozmiary komórki: dwa pierścienie wokół komórki). Każdy sześciokąt otrzymuje wartość z, wartość p i klasę: ±3, ±2, ±1 dla gorących/zimnych punktów przy ufności 99, 95 i 90% (opcjonalnie z korektą odsetka fałszywych odkryć), 0 — nieistotne. Rozmiar komórki 0 oznacza propozycję z danych: dwukrotność średniej odległości do najbliższego sąsiada oczekiwanej przy rozkładzie losowym, zaokrągloną.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="68"/>
        <source>Cell size in metres (0: suggest from the data)</source>
        <translation>Rozmiar komórki w metrach (0: zaproponuj z danych)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="77"/>
        <source>Distance band in metres (0: two cell sizes)</source>
        <translation>Pasmo odległości w metrach (0: dwa rozmiary komórki)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="86"/>
        <source>False discovery rate correction</source>
        <translation>Korekta odsetka fałszywych odkryć (FDR)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="91"/>
        <source>Grid extent, as in Create grid (empty: the reports&apos; extent)</source>
        <translation>Zasięg siatki, jak w „Utwórz siatkę” (puste: zasięg zgłoszeń)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="98"/>
        <source>Hot spots</source>
        <translation>Gorące punkty</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="99"/>
        <source>Cell size used</source>
        <translation>Użyty rozmiar komórki</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="100"/>
        <source>Hot spot cells</source>
        <translation>Komórki gorących punktów</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="101"/>
        <source>Cold spot cells</source>
        <translation>Komórki zimnych punktów</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="108"/>
        <source>Suggested cell size: {:.0f} m.</source>
        <translation>Proponowany rozmiar komórki: {:.0f} m.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="121"/>
        <source>{:,} reports outside the grid extent were left out.</source>
        <translation>Pominięto zgłoszenia poza zasięgiem siatki: {:,}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/hotspots_gi.py" line="168"/>
        <source>{:,} hexagons of {:.0f} m, distance band {:.0f} m: {} hot, {} cold.</source>
        <translation>Sześciokąty: {:,} po {:.0f} m, pasmo odległości {:.0f} m: gorące {}, zimne {}.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/kernel_density.py" line="22"/>
        <source>Kernel density heat map</source>
        <translation>Mapa ciepła (gęstość jądrowa)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/kernel_density.py" line="25"/>
        <source>A raster of report density in reports per km² (EPSG:2180), with the quartic kernel of QGIS's heat map. Radius 0 takes ArcGIS's default (from the standard distance and the median distance to the mean centre); pixel size 0 takes the shorter side of the extent divided by 250.</source>
        <translation>Raster gęstości zgłoszeń w zgłoszeniach na km² (EPSG:2180), z jądrem kwartycznym jak w mapie ciepła QGIS. Promień 0 oznacza domyślny promień ArcGIS (z odległości standardowej i mediany odległości od środka średniego); rozmiar piksela 0 — krótszy bok zasięgu podzielony przez 250.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/kernel_density.py" line="34"/>
        <source>Radius in metres (0: suggest from the data)</source>
        <translation>Promień w metrach (0: zaproponuj z danych)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/kernel_density.py" line="34"/>
        <source>Pixel size in metres (0: suggest from the data)</source>
        <translation>Rozmiar piksela w metrach (0: zaproponuj z danych)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/kernel_density.py" line="43"/>
        <source>Kernel density</source>
        <translation>Gęstość jądrowa</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/kernel_density.py" line="55"/>
        <source>Radius {:.0f} m, pixel {:.0f} m.</source>
        <translation>Promień {:.0f} m, piksel {:.0f} m.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="38"/>
        <source>Repeats and near repeats</source>
        <translation>Powtórzenia i bliskie powtórzenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="41"/>
        <source>Links reports of the same category that lie within a distance and a time window of each other and returns the linked groups (clusters) with their id, size and originator (the earliest report), so a cluster can be verified once. Near repeats default to 1 km and 7 days, duplicates of one threat to 50 m and 2 days; a distance or a number of days above 0 overrides the default.</source>
        <translation>Łączy zgłoszenia tej samej kategorii leżące od siebie w zadanej odległości i oknie czasowym i zwraca połączone grupy (skupiska) z identyfikatorem, liczebnością i zgłoszeniem pierwotnym (najwcześniejszym), tak aby skupisko można było zweryfikować raz. Dla bliskich powtórzeń domyślnie 1 km i 7 dni, dla duplikatów jednego zagrożenia 50 m i 2 dni; odległość lub liczba dni większa od 0 zastępuje wartość domyślną.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="51"/>
        <source>Looking for</source>
        <translation>Szukaj</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="51"/>
        <source>Near repeats (1 km, 7 days)</source>
        <translation>Bliskie powtórzenia (1 km, 7 dni)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="51"/>
        <source>Duplicates (50 m, 2 days)</source>
        <translation>Duplikaty (50 m, 2 dni)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="59"/>
        <source>Distance in metres (0: the default)</source>
        <translation>Odległość w metrach (0: domyślna)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="68"/>
        <source>Time window in days (0: the default)</source>
        <translation>Okno czasowe w dniach (0: domyślne)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="77"/>
        <source>Smallest cluster</source>
        <translation>Najmniejsze skupisko</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="82"/>
        <source>Clusters</source>
        <translation>Skupiska</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="83"/>
        <source>Clusters found</source>
        <translation>Znalezione skupiska</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/near_repeats.py" line="151"/>
        <source>{} clusters holding {:,} reports (within {:.0f} m and {:g} days).</source>
        <translation>Skupiska: {}, zgłoszeń w nich: {:,} (w promieniu {:.0f} m i {:g} dni).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="60"/>
        <source>Trends</source>
        <translation>Trendy</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="63"/>
        <source>Reports per week (Monday to Sunday), by day of week and hour (Polish local time), and the percent change between two periods per district and per category, as tables and PNG charts in a folder. Without dates, the second period is the last 28 days of the data and the first the 28 days before.</source>
        <translation>Zgłoszenia w tygodniach (od poniedziałku do niedzieli), według dnia tygodnia i godziny (czas polski) oraz procentowa zmiana między dwoma okresami w rejonach i kategoriach, jako tabele i wykresy PNG w folderze. Bez dat drugi okres to ostatnie 28 dni danych, a pierwszy — 28 dni wcześniej.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="72"/>
        <source>First period from (YYYY-MM-DD)</source>
        <translation>Pierwszy okres od (RRRR-MM-DD)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="72"/>
        <source>First period to (YYYY-MM-DD, inclusive)</source>
        <translation>Pierwszy okres do (RRRR-MM-DD, włącznie)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="72"/>
        <source>Second period from (YYYY-MM-DD)</source>
        <translation>Drugi okres od (RRRR-MM-DD)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="72"/>
        <source>Second period to (YYYY-MM-DD, inclusive)</source>
        <translation>Drugi okres do (RRRR-MM-DD, włącznie)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="80"/>
        <source>Reports by day and hour</source>
        <translation>Zgłoszenia według dnia i godziny</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="83"/>
        <source>Change between the periods</source>
        <translation>Zmiana między okresami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="86"/>
        <source>Charts</source>
        <translation>Wykresy</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="87"/>
        <source>Weeks</source>
        <translation>Tygodnie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="92"/>
        <source>First period from</source>
        <translation>Pierwszy okres od</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="92"/>
        <source>First period to</source>
        <translation>Pierwszy okres do</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="92"/>
        <source>Second period from</source>
        <translation>Drugi okres od</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="92"/>
        <source>Second period to</source>
        <translation>Drugi okres do</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="116"/>
        <source>No report has a submission time.</source>
        <translation>Żadne zgłoszenie nie ma daty zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="169"/>
        <source>Change per category</source>
        <translation>Zmiana w kategoriach</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="169"/>
        <source>Change per district</source>
        <translation>Zmiana w rejonach</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="174"/>
        <source>No district_id field: no change per district.</source>
        <translation>Brak pola district_id: bez zmian w rejonach.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/trends.py" line="176"/>
        <source>(none)</source>
        <translation>(brak)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/api_client.py" line="236"/>
        <source>The store&apos;s answer broke off midway; nothing of it was kept. Try again.</source>
        <translation>Odpowiedź serwera KMZB urwała się w połowie; nic z niej nie zapisano. Spróbuj ponownie.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="22"/>
        <source>{} min</source>
        <translation>{} min</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="24"/>
        <source>{} h</source>
        <translation>{} h</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="26"/>
        <source>{} day</source>
        <translation>{} dzień</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="26"/>
        <source>{} days</source>
        <translation>{} dni</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="51"/>
        <source>overdue by {}</source>
        <translation>po terminie od {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="53"/>
        <source>{} left</source>
        <translation>zostało {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="60"/>
        <source>take up by {} {}</source>
        <translation>do podjęcia do {} {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/deadlines.py" line="60"/>
        <source>verify by {} {}</source>
        <translation>do weryfikacji do {} {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="285"/>
        <source>Deadline: {} ({})</source>
        <translation>Termin: {} ({})</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/cache/outbox.py" line="280"/>
        <source>You may not add a threat there.</source>
        <translation>Nie możesz dodać zagrożenia w tym miejscu.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="53"/>
        <source>Source</source>
        <translation>Źródło</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/background_sync.py" line="70"/>
        <source>The store answers again; waiting changes are being sent.</source>
        <translation>Serwer KMZB znów odpowiada; oczekujące zmiany są wysyłane.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/background_sync.py" line="78"/>
        <source>The store does not answer ({}); KMZB keeps trying quietly.</source>
        <translation>Serwer KMZB nie odpowiada ({}); wtyczka ponawia próby po cichu.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="93"/>
        <source>Check for new reports every</source>
        <translation>Sprawdzaj nowe zgłoszenia co</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="97"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/dock.py" line="183"/>
        <source>Verify ({})</source>
        <translation>Weryfikacja ({})</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/notifier.py" line="47"/>
        <source>in your districts</source>
        <translation>w Twoich rejonach</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/notifier.py" line="47"/>
        <source>in your unit</source>
        <translation>w Twojej jednostce</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/notifier.py" line="48"/>
        <source>New reports {}: {}</source>
        <translation>Nowe zgłoszenia {}: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/notifier.py" line="50"/>
        <source>A deadline within {} h: {} reports</source>
        <translation>Termin w ciągu {} h: {} zgłoszeń</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="38"/>
        <source>New threat (police source)</source>
        <translation>Nowe zagrożenie (źródło policyjne)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="377"/>
        <source>Place: {:.5f}, {:.5f}</source>
        <translation>Miejsce: {:.5f}, {:.5f}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="55"/>
        <source>What was said or seen (up to 500 characters)</source>
        <translation>Co powiedziano lub zauważono (do 500 znaków)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="57"/>
        <source>Event time known</source>
        <translation>Znany czas zdarzenia</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="109"/>
        <source>The store offers no police sources; update the store.</source>
        <translation>Serwer KMZB nie podaje źródeł policyjnych; trzeba go zaktualizować.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="111"/>
        <source>The description may have at most {} characters.</source>
        <translation>Opis może mieć najwyżej {} znaków.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/threat_tool.py" line="113"/>
        <source>The event time must not be in the future.</source>
        <translation>Czas zdarzenia nie może być w przyszłości.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/menu.py" line="39"/>
        <source>Add a threat (police source)</source>
        <translation>Dodaj zagrożenie (źródło policyjne)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="96"/>
        <source>Only source codes, comma separated (e.g. obywatel, debata_spoleczna)</source>
        <translation>Tylko kody źródeł, oddzielone przecinkami (np. obywatel, debata_spoleczna)</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/analysis_common.py" line="166"/>
        <source>No reports match the filters (categories: {}; statuses: {}; sources: {}; period: {} – {}).</source>
        <translation>Żadne zgłoszenie nie spełnia filtrów (kategorie: {}; statusy: {}; źródła: {}; okres: {} – {}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="144"/>
        <source>Dismiss</source>
        <translation>Usuń z listy</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="145"/>
        <source>Let a refused threat go, having read why.</source>
        <translation>Usuń odrzucone zagrożenie po zapoznaniu się z powodem.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="222"/>
        <source>New threat refused — {}</source>
        <translation>Nowe zagrożenie odrzucone — {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="371"/>
        <source>New threat refused by the store: {}</source>
        <translation>Serwer KMZB odrzucił nowe zagrożenie: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="375"/>
        <source>Category: {}</source>
        <translation>Kategoria: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="376"/>
        <source>Source: {}</source>
        <translation>Źródło: {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="380"/>
        <source>Event: {} {}</source>
        <translation>Zdarzenie: {} {}</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="43"/>
        <source>Brings the local cache of a KMZB connection up to date with the store (only what changed since the last pull) and loads the reports layer. Filters: extent, status, category, source and submission period.</source>
        <translation>Aktualizuje lokalną kopię połączenia KMZB na podstawie serwera KMZB (tylko zmiany od ostatniego pobrania) i wczytuje warstwę zgłoszeń. Filtry: zasięg, status, kategoria, źródło i okres zgłoszenia.</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/pull_reports.py" line="64"/>
        <source>Source codes, comma separated</source>
        <translation>Kody źródeł, rozdzielone przecinkami</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/gui/verify_panel.py" line="148"/>
        <source>Edit and send again</source>
        <translation>Popraw i wyślij ponownie</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/processing/common.py" line="52"/>
        <source>Dates are written YYYY-MM-DD: {} is not a date ({}).</source>
        <translation>Daty zapisuje się jako RRRR-MM-DD: {} to nie jest data ({}).</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="114"/>
        <source>KMZB reports overview</source>
        <translation>KMZB — przegląd zgłoszeń</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="127"/>
        <source>{} and more reports</source>
        <translation>{} i więcej zgłoszeń</translation>
    </message>
    <message>
        <location filename="../kmzb_qgis_plugin/core/layers.py" line="132"/>
        <source>Reports in this cell: {}</source>
        <translation>Zgłoszeń w tej komórce: {}</translation>
    </message>
</context>
</TS>
