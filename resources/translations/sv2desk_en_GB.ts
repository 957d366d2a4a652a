<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
  <context>
    <name />
    <message>
      <source>My account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Current password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the new password again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Change password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change your password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>C&amp;urrent password:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;New password:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type it &amp;again:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You opened SV2 Desk with the recovery key. Use Administration to reset a staff password, then sign in as that person.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You are signed in as {name} ({username}).
Roles: {roles}.
Line manager: {manager}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>none set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The two new passwords are different.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your password has been changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Administration</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Staff accounts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Se&amp;ttings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Backups</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sites and &amp;rooms</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Office server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Made</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kept as</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kept since</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What it is</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Removed after</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>daily</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>weekly</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>monthly</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{size:.1f} MB</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{size} KB</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No backup has been made yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Last backup: {made}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Changes have been made since then that are not backed up yet: they will be at the next sign-out, or press Back up now.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing has changed since then.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup message</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Choose folder…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where backups go</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup &amp;folder:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a USB drive or a network share, not this PC's own disk. A backup opens only with the recovery key or an administrator's password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kept:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Back up now</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup progress</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backups in the backup folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backups in the folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Copies of the data kept on this PC</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Copies kept on this PC for a while</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kept for {days} days, just in case, then removed. They are encrypted like the data, and an erasure removes them at once (they hold what is erased).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No backup folder chosen yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the backup folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backups will go to this folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The backup was not restored: {why}

You have been signed out. Sign in again to carry on with the data as it was.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The backup has been restored. The data that was there before is kept, renamed, in {where}.

Sign in again with your password as it was when the backup was made.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>its folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a backup folder first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Starting the backup…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Making a backup…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Done.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup made at {time} ({size}). Keep the drive somewhere safe.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The backup could not be written to that folder (is the drive full, read-only or unplugged?). No backup was made.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Closed on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why it closed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Kept until</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Worker</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Records</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keep closed cases for</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save &amp;period</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How long closed cases are kept</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keep closed cases &amp;for:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Closed cases past the retention period</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Erase the selected cases…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Find the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name, reference, date of birth or postcode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>F&amp;ind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cases found</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Subject &amp;access export…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other people's names found: ticked ones are withheld</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Names of other people found in what the copy would show. Ticked names are withheld (replaced); untick a name to release it. Then press “Make the copy”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Withheld from the bundle (other people's details)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Subject access request</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Press the button to see it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Audit fingerprint</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show the audit &amp;fingerprint</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A short fingerprint of everything in the audit trail so far. Note it down with the date (for example in the management meeting's minutes): an administrator can later check that the trail still holds that entry unchanged, which nobody can fake from inside the data folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No closed case is past the retention period.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Select the cases to erase in the list first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Erase these cases?</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>Erase the personal data of %n closed case(s)?</source>
      <translation>
        <numerusform>Erase the personal data of %n closed case?</numerusform>
        <numerusform>Erase the personal data of %n closed cases?</numerusform>
      </translation>
    </message>
    <message>
      <source>Every word typed about the person goes and cannot be brought back. The case keeps only its dates and codes for the anonymous reports.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n case(s) erased.</source>
      <translation>
        <numerusform>%n case erased.</numerusform>
        <numerusform>%n cases erased.</numerusform>
      </translation>
    </message>
    <message>
      <source>Erasing the chosen cases…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The audit trail is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Entry {seq:,}: {text}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No case matches that.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name} ({who}), in {where}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Find the case and select it first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make the &amp;copy…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check the names listed below first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Making the subject access copy…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Withheld: {section}: {item}. Why: {why}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing was withheld.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Subject access bundle</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This backup was made on {made}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>It holds {clients} clients, {cases} cases, {accounts} staff accounts and {entries} audit-trail entries.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Data version: {version}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>unknown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> (an earlier version: it is brought up to date as it is restored).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> (this version).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restore a backup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restore message</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a backup in the list above, or a file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup file to restore</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose &amp;file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recovery key from the time of the backup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Or an administrator's username</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That administrator's password when the backup was made</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Username</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password, as it was then</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The recovery key of the time the backup was made</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Chec&amp;k the backup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Restore this backup…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What the backup holds</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Backup &amp;file:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recovery &amp;key:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Or administrator:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a backup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk backups (*.sv2backup)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the backup to restore.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the recovery key, or an administrator's username and password as they were when the backup was made.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Checking the whole backup. Nothing is changed…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Checking the backup…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{step} ({percent}%)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Working</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The backup is whole. Nothing has been changed yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Restore this backup?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Everyone must be signed out of SV2 Desk on every PC first.

SV2 Desk will sign you out, set the current data aside (renamed, not deleted) and put this backup in its place. Staff then sign in with the passwords they had when it was made.

Restore it now?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restoring. Please wait: SV2 Desk signs out when it is done…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Restoring the backup…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose &amp;logo…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Re&amp;move logo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Save settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lock after &amp;idle for:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Organisation &amp;name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Address:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Phone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Email:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Charity number:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Letterhead logo:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A logo is set.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No logo.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a logo</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pictures (*.png *.jpg *.jpeg)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That logo file could not be read.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A new logo is chosen (press Save).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No logo (press Save).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Settings saved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Roles</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Line manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Staff accounts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New account's password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the new account's password again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New account's line manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Add account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add a staff account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Full &amp;name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Username:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type it a&amp;gain:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Roles:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Line manager:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The selected account</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Selected account's line manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save &amp;roles and line manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reset password to</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reset &amp;password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Turn this account off</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Line &amp;manager:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New pass&amp;word:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Active</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Turned off</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No line manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The selected account: {name}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The two passwords are different.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Account {username} added. They can sign in now.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password reset. Give it to the person privately.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Turn off the account for {name}? They will no longer be able to sign in.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The account is turned off.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Yes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>inside Derbyshire</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>in a postcode district only partly inside Derbyshire</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>outside Derbyshire</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not known (no postcode, or not a UK postcode)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From what you have heard and read, during the referral or this assessment: does anything identify the client as a potential perpetrator of sexual abuse?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When you speak to the client, explain that:
• SV2 is not able to support perpetrators of sexual abuse;
• their referral needs will be discussed with a member of the management team;
• SV2 will tell them the outcome of that discussion;
• SV2 may have to report any safeguarding concerns to the relevant authority.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Record the assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Stop without saving</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Next</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Back</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>none recorded</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not known (about {age})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not known</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reference {reference}. Name: {name}.
Date of birth: {born}. Postcode: {postcode}, {area}.
Decision at referral: {decision}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not checked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who you are speaking to</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check these details with the client before going on.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>I have confirmed who I am speaking to</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>I have checked they are eligible (they live in Derbyshire, or the decision above stands)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confirm who you are speaking to before going on.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safety and immediate risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ask about the client's safety now, and anyone else's.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client is at immediate risk of harm</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Children may be at risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>An adult (the client or someone else) may be at risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What the risk is and what you have done about it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Follow the safeguarding procedure and talk to your manager today. Say below what the risk is and what you have done.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What is the risk?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Needs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What the client needs from SV2, and anything that would make support easier for them (access, language, times).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client's needs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Needs:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Equality monitoring: ask only if the client is happy to answer. Every question is optional, and “Prefer not to say” is always an answer. Only the worker on the case and managers see the answers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not asked or not answered</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Interactions with the person who harmed them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Review this question with the client, even if it was answered at referral.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>At referral the answer was: {answer}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Answer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes about interactions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ans&amp;wer:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the client's answer (or Declined to say).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your judgement</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Think about everything you have heard and read so far.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Potential perpetrator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your &amp;judgement:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose Yes or No.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Marked for management attention</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Say what led to this; support is not offered until a manager has reviewed it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This case will be marked for management attention. Support will not be offered until a manager has reviewed it. Discuss the risk and needs with your line manager before any support is offered.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What led to this, and where it came from</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What information led to this, and where did it come from?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk &amp;level as it seems now:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Say what information led to this, and where it came from.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the risk level as it seems now (or 'not assessed').</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support options</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What was agreed with the client.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support offered</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes about the outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>For signposting: to which service, and why</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Outcome:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support offered:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check and record</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing has been recorded yet. Check the summary, then press Record the assessment.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Initial options assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Say what the risk is and what you have done about it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the outcome of the assessment.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the support offered.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>immediate risk to the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>children may be at risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>an adult may be at risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Identity confirmed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Identity not confirmed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk: {risks}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What the risk is and what was done: {notes}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Needs: {needs}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>none recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Interactions with the person who harmed them: {answer}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes about interactions: {notes}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You judged that the client may be a potential perpetrator. The case will be marked for management attention, and support will not be offered until a manager has reviewed it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What led to this, and where it came from: {notes}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not said</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk level as it seems now: {level}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome: {outcome}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome: {outcome} ({offered}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes about the outcome: {notes}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case will be closed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Inside Derbyshire</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Partly inside Derbyshire (address to confirm)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outside Derbyshire</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not known</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Case details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Would like us to use:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date of birth:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not known (about {age})</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gender:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pronouns:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Address:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Postcode:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Email:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safe contact</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Post is safe:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safe address for post:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may phone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may leave a voicemail:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may text:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may email:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safe times:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Our name on an envelope:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Our name when we phone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referred by:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referrer:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referrer's contact:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>May contact the referrer:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Self-referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referral date:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Arrived by:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What happened:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Details:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support asked for:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Anything else:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where they live:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decision:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>May be an adult at risk:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safeguarding note:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Closed because:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Closing note:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nobody named.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Question:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Answer:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>People named:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Timeline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A manager has decided: the outcome is ready to share with the client. See the Concern tab for the decision, then record that it was shared. Nothing else can move the case until then.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why the case is closing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Closing note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Close the case &amp;now</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Keep it open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reason:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case is closed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>N&amp;otes and contacts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dia&amp;ry and waiting list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Consent and e&amp;quality</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>← &amp;Back to the list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start the initial options &amp;assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Assign to &amp;me</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Close the case…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change the client's de&amp;tails…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Client identified as a potential &amp;perpetrator…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>T&amp;imeline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Support sessions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Co&amp;ncern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Letters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status: {status}.  Worker: {worker}.  Referred {date}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Status: {status}.  Worker: {worker}.  Referred {date} by {how}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Continue the initial options &amp;assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case is assigned to you.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The concern is recorded and the case is paused. Next: explain the four points to the client and discuss the risk and needs with your line manager.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The assessment is recorded. The case is now: {stage}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The assessment was stopped. Nothing from it was recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reference</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referral date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;My cases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Unassigned referrals</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>All &amp;cases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open cases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Paused (any stage)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not available</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which cases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search cases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search by name, reference, date of birth or postcode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any worker</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Worker:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>S&amp;tatus:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cases</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n case(s).</source>
      <translation>
        <numerusform>%n case.</numerusform>
        <numerusform>%n cases.</numerusform>
      </translation>
    </message>
    <message>
      <source>No cases at this stage. Choose “Any status” in Status to see every case here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You have no cases assigned to you yet. Referrals assigned to you appear here: look in “Unassigned referrals” for ones to take, or take a referral in “New referral”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No referral is waiting for someone to take it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No cases yet. Referrals appear here once they are taken in “New referral”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing found. Check the spelling, or try part of the name.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n found (every case you may see, whatever the tabs and filters say).</source>
      <translation>
        <numerusform>%n found (every case you may see, whatever the tabs and filters say).</numerusform>
        <numerusform>%n found (every case you may see, whatever the tabs and filters say).</numerusform>
      </translation>
    </message>
    <message>
      <source>Showing the best matches: type more to narrow it down.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>My caseload</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where the person lives: advice</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safeguarding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Advice: {advice}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Relationship to the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other details that identify them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>For example: ex-partner, his brother</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Age, address, workplace, social media…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name of person {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Relationship to the client, person {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other details that identify person {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Remove person {n}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>People named</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nobody named yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Add a person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>It is safe to send post</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may leave a voicemail</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may send texts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may email</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Our name may show on an envelope</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Our name may show when we phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The person agrees we may contact the referrer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The person may be an adult at risk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Assign this referral to me</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The person referred themselves</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Another service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ask the questions in any order. If something is missing when you save, a message appears next to it in red; nothing you typed is lost.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referral form</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Save the referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Clear the form</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date of birth</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> years</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Approximate age</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Approximate age, if the date of birth is not known:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who referred</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Day of the session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Time the session starts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No room (phone, video or elsewhere)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where, if not a room</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note on the booking</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Book the session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Book a session in the diary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Day:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Time:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Room:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Elsewhere:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Priority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What happened</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting since</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting list entries</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Service they are waiting for</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note for whoever allocates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add to the &amp;waiting list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The waiting list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ser&amp;vice:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Priority:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not&amp;e:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The session is booked: it is in the diary.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>They are on the waiting list.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Change the client's details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who they are</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contact details and what is safe</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Address safe for post:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Language and access</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Language:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Interpreter's language:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Access needs:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>By</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Before</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>After</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>History of changes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every change to these details, newest first, with the value it replaced. Only managers see this.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;History</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Save the changes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved: {what}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support asked for</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Case notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When it happened</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Abo&amp;ut the concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A note about the concern is seen only by the people on the case.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Add the note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add a note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Note:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>W&amp;hen:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How it went</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contact log</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who got in touch</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When the contact was</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note on the contact</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Record the contact</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record a contact</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Wh&amp;o:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How it &amp;went:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Whe&amp;n:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No&amp;te:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>[About the concern] </source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safe ways to contact them: {ways}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>They have not said any way of contacting them is safe: see them in person, or wait for them to get in touch.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A message may be left.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Do not leave a message.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safe times: {times}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The note is added.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The contact is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Full name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Leave empty if it is the address above</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>If Other, or anything to add</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Or&amp;ganisation:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referrer's name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Their role:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Their phone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Their email:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Name they would like us to &amp;use:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date of &amp;birth:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Site</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Room</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Step-free</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In use</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rooms</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Site name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Site address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add the &amp;site</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Site the room is at</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Room name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Step-free access</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes about the room</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add the &amp;room</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Re&amp;tire the chosen room</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add a site</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Site &amp;name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A&amp;ddress:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add a room</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>S&amp;ite:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>R&amp;oom name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The site is added.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The room is added.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The room is retired: it can no longer be booked.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Postcode:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>P&amp;hone:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Post:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contact:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safe times to contact:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Our name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What happened and when</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Eligibility</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your &amp;decision:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referral da&amp;te:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How it arri&amp;ved:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start the &amp;assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Take &amp;another referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The referral is saved. Its reference is {reference}.

Every client has an initial options assessment next.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Person {number}: {problem}</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n thing(s) need attention: see the message(s) next to them.</source>
      <translation>
        <numerusform>%n thing needs attention: see the message next to them.</numerusform>
        <numerusform>%n things need attention: see the messages next to them.</numerusform>
      </translation>
    </message>
    <message>
      <source>This case is marked for management attention: the client may be a potential perpetrator of sexual abuse. Support will not be offered until a manager has reviewed it. Discuss the risk and needs with your line manager.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Minutes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Happened or planned</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support sessions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date of the session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This is a planned session (today or later)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type of session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Length of the session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where the session is</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>For example: Derby office, room 2 (blank for phone)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Session note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reason for overriding the restriction</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Record the session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record or plan a session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Date:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>T&amp;ype:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Length:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Where:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>N&amp;ote:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Override &amp;reason:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Plan the &amp;session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Suspended (case paused)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Planned</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Happened</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The session is planned.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The session is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Problem with {field}</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n thing(s) need attention: see the message(s) in red.</source>
      <translation>
        <numerusform>%n thing needs attention: see the message in red.</numerusform>
        <numerusform>%n things need attention: see the messages in red.</numerusform>
      </translation>
    </message>
    <message>
      <source>Password strength</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A manager's or administrator's password must be Strong.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>It must be at least Fair.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Strength: too short. Use at least {n} characters; a few unrelated words work well. {need}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Strength: {word}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Day/month/year, for example 12/03/1990</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> (empty if not known)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the date, day first (12/03/1990).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That is not a date SV2 Desk can read. Type it day first, for example 12/03/1990.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That date is after today. Check the year.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That date is too long ago. Check the year.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk could not do that. Nothing has been changed. Try again, and tell your administrator if it keeps happening.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk could not open the data. Nothing has been changed. Try again, and tell your administrator if it keeps happening.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This is a draft, marked DRAFT on every page, for checking only: it cannot be printed. Finalise the letter, then print it from “Letters on this case”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A saved copy is NOT encrypted: anyone who can open that folder can read it. Save it only if you must, somewhere safe, and delete it when it is no longer needed.

Save a copy anyway?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{title} preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Print…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Save a copy…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The printer could not be started. Check it is switched on and try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Save an unencrypted copy?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save a copy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The copy could not be saved there. Choose another folder (is the drive full or read-only?).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting for management review. The explanation and the countersigned discussion are recorded, and the case is in the manager queue. A member of the management team will review the risk and needs, case by case, and decide next steps. Nothing can be offered or booked until then.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open the &amp;review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What has been recorded</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>History of the concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>See the &amp;decision in the review screen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Finished: the outcome was shared with the client on {when} ({how}). The case then became: {then}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The explanation of the four points to the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>recorded: explained {when}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>to do</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The line-manager discussion of risk and needs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>countersigned by {name} {when}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Management review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>decided by {name}: {outcome}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>waiting for a manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>after the two steps above</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome shared with the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>shared {when}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>to do, by {name}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>after the decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Raised:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{when} by {name}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stage then:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk level:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What led to it:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where it came from:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Initial risk notes:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not recorded yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Explained: {point}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>NOT explained: {point}
Why: {why}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Point {number}:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not countersigned yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Countersigned:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risks:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Needs:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Immediate safeguarding action:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decided:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Corrects an earlier decision:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next steps:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reported to:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reported on:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Their reference:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Consent:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lawful basis:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How this avoids greater risk to victims, children or vulnerable people:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name} (a manager), because: {why}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Shares the outcome:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not shared yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Letter sent:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case then:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The explanation to the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Line-manager discussion: risk and needs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From the initial options assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safety notes:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Management decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Correction to the decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The outcome shared with the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Explain the four points to the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tell the client each of these. Tick each point you explained. If you could not explain one (for example, it was not safe to), say why.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Explained</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Point {number} explained</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why point {number} was not explained</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>If not explained: why not</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When you explained</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How you explained</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;When:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;How:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Record the explanation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The explanation is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Discuss the risk and needs with your line manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risks discussed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Needs discussed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Immediate safeguarding action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ris&amp;ks discussed:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>N&amp;eeds discussed:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Immediate safe&amp;guarding action (if any):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ask your line manager to &amp;countersign…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No line manager is set for the worker who raised this concern, so nobody can countersign. Ask an administrator to set one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your line manager, {name}, countersigns this record by typing their own password on this PC.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ask {name} to &amp;countersign…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The discussion is countersigned by {name}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Share the outcome with the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>When the outcome was shared</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How it was shared</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A letter was sent or handed over</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes about sharing the outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>N&amp;otes:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Record that the outcome was shared</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case then carries on where it was.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case then closes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The decision: {outcome}.
{who} shares the outcome and any actions with the client. {then}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The outcome is recorded as shared with the client.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Countersign the discussion</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name}: please read the record of your discussion of the risk and needs, then type your own password to countersign it. The password is checked on this PC and not kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risks: {risks}
Needs: {needs}
Immediate safeguarding action: {action}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name}'s password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name}'s &amp;password:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Checking the password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Countersign</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Raising a concern pauses the case at once: no support can be offered or continue until a member of the management team has reviewed it and the outcome has been shared with the client.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Client identified as a potential perpetrator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What information led to this</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>For example: the client, the referrer, police, another service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Initial risk notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Raise the concern and pause the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Do&amp;n't raise it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What &amp;information led to this?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where did it come &amp;from?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk &amp;level now:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Never</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Category:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Web:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Opening hours:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Last checked:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>I checked these details on</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date the details were checked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Save the service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>These details are right, checked &amp;today</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Retire…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Take this service out of the directory? Letters that named it keep it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Retire &amp;it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Keep it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ca&amp;tegory:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Web:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Opening hours:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Area:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No&amp;tes:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved. An administrator needs to confirm these details before staff rely on them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confirmed: these details were checked today.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name} is no longer in the directory.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Before use</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Last checked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Web</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Opening hours</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Area</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check before first use</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check: over 12 months</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signposting directory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search the directory</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Search by name, area or notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Add a service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Services</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The selected service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Give these details only after checking any warning. A manager or administrator can change them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing found. Try fewer words, or any category.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n service(s).</source>
      <translation>
        <numerusform>%n service.</numerusform>
        <numerusform>%n services.</numerusform>
      </translation>
    </message>
    <message>
      <source>A new service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Print this letter and hand it over in person. Do not post it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Print this letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Is this letter to be posted, or handed over in person?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>For pos&amp;ting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To &amp;hand over in person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Large print</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Finalised by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Letters on this case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Finalised letters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Print for pos&amp;ting…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Print to &amp;hand over in person…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The print could not be checked. Try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Not printed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Post is safe for this client. Post it to the address on the letter.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Write a letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show services in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every category</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Services to name in the letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This letter does not list any services.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Also point to support for their own experience of abuse</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Services for their own experience of abuse</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make the lette&amp;r</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Kind of letter:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sho&amp;w:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ser&amp;vices:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the kind of letter.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Tick at least one service for their own experience.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check and edit the letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who the letter is to, one line each</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The letter's text</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lar&amp;ge print</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pre&amp;view…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Finalise the letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start again (not &amp;kept)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Read it through and change anything that is not right. Leave a blank line between paragraphs. Nothing is stored until you finalise it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Who it is to:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>S&amp;ubject:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lett&amp;er:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check and edit the letter: {kind}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check before you send this letter. It names directory entries that are not confirmed, or not checked in the last 12 months; the finalised letter will record which:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The letter needs a subject line.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Say who the letter is to.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The letter is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Letter preview (draft)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The letter is finalised and stored, encrypted, with the case. Print it from “Letters on this case”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Raised</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why the check ran</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Score</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Each new client and person of concern is compared with everyone already recorded; only managers see these flags. A match with someone a client named as the person who harmed them, or someone we cannot support, holds the case: confirming raises a concern on it. Otherwise confirming keeps the two apart. Dismiss a flag if they are not the same person.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Preferred name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Age</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Postcode</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who they are to the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Named by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other details given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Case status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{field}:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show &amp;decided flags too</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Possible connections</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record on one case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record on the other case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Evidence for the match</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decisions and what they mean</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safety measures agreed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Confirm: the same person, keep them apart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why this is not the same person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>D&amp;ismiss: not the same person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decide</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safety &amp;measures agreed:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reason for &amp;dismissing:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{one} and {other}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No possible connections wait for a manager.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n possible connection(s) waiting for a manager.</source>
      <translation>
        <numerusform>%n possible connection waiting for a manager.</numerusform>
        <numerusform>%n possible connections waiting for a manager.</numerusform>
      </translation>
    </message>
    <message>
      <source>Choose a flag to see both records.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{status}. Score {score} (a flag is raised at {threshold}). {trigger} on {day}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Confirm: the same person, raise a concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source> Held: {case}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What matched:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>, by {name}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>safety measures: {text}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>reason: {text}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confirmed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dismissed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{word} by {name} on {day}; {said}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confirming keeps these cases apart: {what}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Needs action: {clash}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confirmed. The two clients are now kept apart.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dismissed. The flag stays on record and can be confirmed later.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How does this decision avoid putting victims, children or vulnerable people at greater risk?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Consider whether this must be reported to the Charity Commission as a serious incident (for example, harm or a risk of harm to a client or someone else connected with SV2).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Review the risk and needs, case by case. Consider each step and mark it done or not needed, with a note. Always consider actions that do not put victims, children or vulnerable people at a greater risk.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Next steps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The safeguarding report (when reported)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>For example: Derbyshire County Council Children's Services (Starting Point)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Date it was reported</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Shared with</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recorded by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Withdrawn</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What the consent is to</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Day consent was given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How consent was given</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who it may be shared with, and what for</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note on the consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record the &amp;consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How they withdrew consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Day consent was withdrawn</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record that the chosen consent was &amp;withdrawn</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;To:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Given on:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ho&amp;w:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Shared with:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Withdrawn o&amp;n:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How withdra&amp;wn:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Equality monitoring (optional)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Ask at the assessment. Every question is optional: leave it as not asked, or choose “Prefer not to say”. Only the worker on the case and managers see the answers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save the &amp;answers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Only the worker on this case and managers see the equality answers.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The consent is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The withdrawal is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The answers are saved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>For example: DPA 2018 Schedule 1 paragraph 18</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which &amp;authority:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lawful basis for sharing without consent:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Serious incident</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who shares the outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why a manager shares the outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What is being corrected, and why</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Who &amp;shares the outcome with the person:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which manager:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why a manager:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>What is being corrected, and why:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Record the decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancel the correction</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note: {step}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Note: what was done, or why it is not needed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{who} (the default)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Record the correction</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The correction is recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The decision is recorded. The outcome is now ready to share with the person.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting (days)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Stage when raised</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>External referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Raised by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every case waiting for management review, oldest first. Open one to review the risk and needs and decide the next steps.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any risk level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referred by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any stage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Risk level:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Re&amp;ferred by:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>S&amp;tage when raised:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cases waiting for review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open the review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Showing {n} (filtered).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing is waiting for review.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n case(s) waiting for review.</source>
      <translation>
        <numerusform>%n case waiting for review.</numerusform>
        <numerusform>%n cases waiting for review.</numerusform>
      </translation>
    </message>
    <message>
      <source>Manager queue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cases waiting for &amp;review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Possible connections</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n day</numerusform>
        <numerusform>%n days</numerusform>
      </translation>
    </message>
    <message>
      <source>{days:g} days</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>None yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Median {median}, longest {longest} ({count}).</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n concern(s)</source>
      <translation>
        <numerusform>%n concern</numerusform>
        <numerusform>%n concerns</numerusform>
      </translation>
    </message>
    <message>
      <source>Open concerns</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reports</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The potential-perpetrator workflow across the whole service: cases waiting, how long each step takes, and the decisions made. No names are shown here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open concerns by stage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open concerns by how long since they were raised</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In numbers</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open concerns by stage:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open concerns by age:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From the concern to the management decision:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>From the concern to the outcome being shared:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decisions by outcome (corrections not counted):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referrals with the interaction question answered:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Export as PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dashboard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Reports: the potential-perpetrator workflow</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{answered:,} of {referrals:,} ({percent:.1f}%; it should be 100%).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Perpetrator workflow report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This concern is not ready for a decision yet: the explanation to the client and the countersigned line-manager discussion come first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Correct this decision…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A recorded decision is not changed. If something in it is wrong, record a correction: the original stays in the record.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The decision now in force</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Earlier decision (corrected)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The outcome shared with the person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>← &amp;Back to the queue</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open the &amp;case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk and needs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Risk and &amp;needs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;History of the concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Review: {name} — {reference}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Review: {reference}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Concern raised {when} by {name}, while the case was: {stage}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referred by another service.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Self-referral.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Correct the decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Closing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Signing out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Closing SV2 Desk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signing out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any change since the last backup is being backed up now. You can leave this: SV2 Desk closes by itself when it is done.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any change since the last backup is being backed up now. You can leave this: the sign-in window comes back by itself when it is done.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Keeping unfinished forms and checking whether a backup is due…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Funder returns</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Areas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Discard it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Actions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hide screen (F12)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cover SV2 Desk at once, for example when someone walks in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Lock (Ctrl+L)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>About</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Which version this is, its licence, and where the data is</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This data opens only on this PC (bound to it)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This data is not bound to this PC</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>the recovery key</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signed in as {who} ({roles})  ·  {binding}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The recovery key made when SV2 Desk was set up was never confirmed as stored. Without it nobody can open the data if every password is forgotten. Make a new one with 'sv2desk-admin rekey' (it prints a new recovery sheet), or see docs/installing.md.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>You have %n unfinished form(s) from before SV2 Desk locked.</source>
      <translation>
        <numerusform>You have %n unfinished form from before SV2 Desk locked.</numerusform>
        <numerusform>You have %n unfinished forms from before SV2 Desk locked.</numerusform>
      </translation>
    </message>
    <message>
      <source>Show SV2 Desk (F12)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Show SV2 Desk again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>These details go at the top of letters. You can change them later in Administration.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Optional</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Logo file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Browse…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a logo file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Logo (optional):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That logo file could not be found. Choose it again, or leave the box empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That picture is over 2 MB. Choose a smaller PNG or JPEG.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The first administrator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This person can add staff accounts and change settings. Choose a password nobody else knows: it must be rated Strong.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the password again</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the administrator's name.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter a username.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A username is one word, with no spaces.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The two passwords are different. Type them again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Where the data lives</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk keeps everything in one encrypted folder on this PC. Pressing Set up creates it: the details cannot be changed here after that.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Set up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Data folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>B&amp;rowse…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the data folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Bind the data to this PC (recommended for a single office PC)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not available here: {reason}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Staff passwords will then only open the data on this PC. The recovery key still opens it anywhere.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Folder:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose a folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk data already exists there. Choose an empty folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That is a file, not a folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Setting up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Change the details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Setting up the encrypted data. This takes a few seconds…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Done. Press Next to see your recovery key.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing was set up. Press Change the details to put it right.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your recovery key</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This key opens the data if every password is forgotten. It is shown only now: print the recovery sheet or write it down, and keep it locked away.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recovery key</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Print the recovery sheet…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>I have &amp;stored the recovery key safely</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Set up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Join the office server…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The data could not be set up there. Check the folder can be written to, and try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recovery sheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The data has been set up, but the recovery key has not been stored yet. Without it nobody can open the data if every password is forgotten. Print the recovery sheet or write the key down, then tick the box to confirm before finishing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Store the recovery key first</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This PC now uses the office server. Sign in with your usual user name and password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Making the daily backup…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Locked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Sign in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk is locked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign in to SV2 Desk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name} was signed in. Enter your password to carry on, or switch to another person.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unlock</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Sign in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Use the &amp;recovery key instead</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>S&amp;witch user</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Open with recovery key</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Back to password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the recovery key from the recovery sheet. This is for administrators: it opens the data so a password can be reset, or enrols this PC.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sign-in message</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signing in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter your username and password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the recovery key.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Take care: after one more wrong password SV2 Desk makes you wait {wait} before the next try. If you have forgotten it, ask an administrator to reset it.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n second(s)</source>
      <translation>
        <numerusform>%n second</numerusform>
        <numerusform>%n seconds</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n minute(s)</source>
      <translation>
        <numerusform>%n minute</numerusform>
        <numerusform>%n minutes</numerusform>
      </translation>
    </message>
    <message>
      <source>Too many wrong passwords. You can try again in {wait}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>You can try again now.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>"&lt;5": fewer than 5 (0 to 4), so that no one can be identified. "*": 5 or more, hidden so that a number under 5 cannot be worked out from the total. "withheld": the numbers are too small to break down without identifying someone; only the total is given.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>12 or under</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>13 to 17</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>18 to 24</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>25 to 34</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>35 to 44</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>45 to 54</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>55 to 64</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>65 or over</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A manager needs to check this referral before support is offered.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Accept the referral</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Add a person the client named</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Added in error</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Administrator</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Another gender identity</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Another organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Another organisation (type not recorded)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Another sexual orientation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Any other religion</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Asian, Asian British or Asian Welsh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Assign the case to someone (or to no one)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Being assessed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Bisexual</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Black, Black British, Black Welsh, Caribbean or African</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Booked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Buddhist</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>By email</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelled by the client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Cancelled by us</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Charity or voluntary organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check before first use: an administrator has not confirmed these details yet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check whether a letter may be posted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check-in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Childhood sexual abuse</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Christian</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Closed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Concern not substantiated: no further action, support continues</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Confirmed: kept apart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Consent not sought</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Consent to keep and use their information has been withdrawn. Speak to a manager about what happens to the record.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Consider a serious incident report to the Charity Commission</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Contact the referrer (external referrals only)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Correct a decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Counselling</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Count or list the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Decide next steps</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Declined to say</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Did not attend</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Dismissed: not the same person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Do you have any interactions with the person(s) who harmed you, or with their family or friends?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Done</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Email</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fair</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Finalise a letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Finalise a letter that tells the outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Find the case by searching</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Find the concern on the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Finished: the outcome has been shared</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>GP or other health service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Gay or lesbian</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Good</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Group work</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Held</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Helpline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Helpline call</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Helpline support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>High</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Hindu</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>I have a condition, but it does not limit my day-to-day activities</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ISVA (independent sexual violence advocacy)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>ISVA or advocacy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>If during the referral or at assessment stage, or whilst accessing support, a client is identified as a potential sexual perpetrator then the staff will discuss the risk and needs with their line manager before any support is offered or continues.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>In writing (a signed form or letter)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Jewish</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Left a message</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Letter to the referrer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Low</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Make a copy of the client's data (subject access)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Man or boy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Medium</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mental health service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Met them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Mixed or Multiple ethnic groups</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Moved to another time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Muslim</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No answer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No longer needed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No religion</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No, different</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Non-binary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Non-recent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not able to support (perpetrator policy)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not assessed yet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not needed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Not recorded</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Obtain advice from services that support perpetrators</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>On the online referral form</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Online form</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Only a session that is still booked can be changed: this one has already been {what}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open a finalised letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Open the case (see its details)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Other ethnic group</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Out of area (signposted)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome letter: not able to support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome letter: support continues</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Outcome ready to share</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Paused</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Paused: a manager needs to check this referral before support is offered</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Paused: explanation and line-manager discussion</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Paused: waiting for management review</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Person of concern named by a client</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Phone call</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Police</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Prefer not to say</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Print a letter for posting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Print a letter to hand over</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Raise a concern (potential perpetrator)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Rape</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Read the concern, the decision and their history</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recent (in the last 12 months)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record or plan a support session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record that the outcome was shared</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record the explanation of the four points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record the initial options assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Record the line-manager discussion (at this PC)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Referred</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Report a safeguarding concern to the relevant authority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 will communicate the outcome of that discussion to them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Safeguarding authority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Said so in person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Said so on the phone</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>School, college or university</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Secure referral from another service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>See the case in a list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>See the case's letters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>See who must countersign</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sexual assault</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sexual assault referral centre (SARC)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sexual exploitation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Shared with consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Shared without consent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signpost to another service (the referral is still recorded)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signpost to services that support perpetrators</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signposted elsewhere</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signposted to another service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Signposting letter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sikh</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Social care</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Spoke with them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Standard</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Start the initial options assessment</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Straight or heterosexual</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Strong</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support completed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support ends: SV2 is not able to support this person</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Support worker</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Supports people who have harmed, or are worried about their behaviour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Supports survivors</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Suspended while the case is paused</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Take an unassigned referral for yourself</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Text message</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That case could not be found, or it is not one you can open.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>That room is no longer in use. Choose another room.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case was closed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The case was closed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client declined support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client has said post is not safe for them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client has said we must not email them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client has said we must not leave a message. Hang up without leaving one, and record the call as not answered.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client has said we must not phone them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client has said we must not text them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client withdrew</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client withdrew or declined support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The decision on this case has to be shared with the client first. Record that the outcome was shared; nothing else can move the case until then.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The worker who did the assessment or provides support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Their referral needs will be discussed with a member of the management team.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>They contacted us</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>They did not arrive</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>They replied</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This case is paused: the client has been identified as a potential perpetrator of sexual abuse. No support can be offered, booked or recorded, and the case cannot move on, until a manager has reviewed it and the outcome has been shared with the client.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This client is already on the waiting list for {service}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This client is no longer waiting: they were allocated or taken off the list.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This contains a character that cannot be saved (perhaps from copying and pasting). Type it again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This must be text.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This referral was recorded as signposted to another service, so it cannot wait for ours. Record a new referral if they come back.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This session is in the future: it can be marked once its day has come.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This session was suspended when a concern was raised on the case, so it cannot be held or marked as not attended. Cancel it, or move it to a new time once the case can have support again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Through an interpreter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To us keeping and using their information</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>To us sharing information with another organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Too short</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Unsure</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Urgent</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Very weak</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Video call</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting for a manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting for support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Waiting list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every service</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Every priority</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>← &amp;Previous page</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Next page →</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>People waiting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Worker to allocate to</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Allocate: start support</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why they are coming off the list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why they were taken off the list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Take off the list</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The person chosen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Reason:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{first}–{last} of {total} waiting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Allocated: their support has started.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Taken off the waiting list.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We are not able to support perpetrators of sexual abuse.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We contacted them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We could not make contact</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We may have to report any safeguarding concerns to the relevant authority.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Weak</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>White</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Woman or girl</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Write a letter about the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Wrong number or address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Yes, my day-to-day activities are limited a little</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Yes, my day-to-day activities are limited a lot</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Yes, the same</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>a manager needs to check this referral before support is offered</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>assigned worker</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>connection check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>holds the manager role</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>is a support worker or manager, and the case is unassigned and has never had a concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>is named in the decision to share the outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>is the connection check itself, on saving a record it compares (no person or role can make this move)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>is the line manager of the person who raised the concern, and a manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>is the worker assigned to the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>may pick it up</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>named to share the outcome</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not now</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not shown (fewer than 5)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not visible</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>not who</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>raised a concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>raised a concern on the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>raised the concern in question</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>raised this concern</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>raiser's line manager</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>the connection check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{room} is already booked at that time. Choose another time or another room (the room's diary shows when it is free).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{worker} already has a session at that time. Choose another time, or another member of staff.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <source>%n year(s)</source>
      <translation>
        <numerusform>%n year</numerusform>
        <numerusform>%n years</numerusform>
      </translation>
    </message>
    <message>
      <source>Looking at where this data is kept…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This data is in one encrypted file on this PC. A centre with several PCs can keep it on an office server (PostgreSQL) instead, so that everyone works on one caseload. Set the server up first (see the guide, docs/office-server.md); then move the data here, in one step. The file on this PC is kept until you remove it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This data is on the office server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{host}, port {port}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Database:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This PC's login:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Certificate fingerprint:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The connection is encrypted and checked against the certificate pinned when this PC was enrolled. This PC's password for the server is kept in its keyring only. Concern details, notes, safeguarding details, letters and drafts are encrypted on this PC before they reach the server. Other PCs' changes show here within seconds.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Move this data to the office server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Used for the move only, and never kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Move to the office server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Check that this is the fingerprint on the server's set-up sheet: {fingerprint}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Moving the data to the office server… (this can take a few minutes for a large caseload)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The data is now on the office server, checked row by row, with its audit trail whole. The file that was on this PC is kept in {name} in the data folder until you remove it. Everyone signs in again, with the same passwords.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Diary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Whose diary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>My diary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>First day shown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>How much to show</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A week</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>A day</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>← &amp;Earlier</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Later →</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Sessions in the diary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing is booked in this time.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Held</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Did not attend</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The client cancelled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>We cancelled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Why the session was cancelled, or a note on it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Cancel the session</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New day</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Move to this time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The session chosen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Reason or note:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New &amp;day:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>New &amp;time:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{name}'s diary</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Busy</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Recorded.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The session is cancelled.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The session is moved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server's name or address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Port</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Database name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server owner's role</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server owner's password</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>No certificate chosen</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server's CA certificate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>C&amp;hoose certificate…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server's &amp;name or address:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Port:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Database name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Server &amp;owner's role:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Owner's pass&amp;word:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>CA &amp;certificate:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The server's CA certificate</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Certificates (*.pem *.crt)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the server's name or address.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the database name from the sheet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the server owner's role.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Enter the owner's password.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Choose the server's CA certificate.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Quarter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Show the figures</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save as &amp;Excel…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save as &amp;CSV…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save as &amp;PDF…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Figure</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The return's figures</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Returns to funders and commissioners</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Counts for the quarter, for the Ministry of Justice, the Police and Crime Commissioner and the NHS. No return can identify a person: small numbers are hidden.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Figures for the quarter</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Save the return</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Saved: {path}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The return could not be saved there. Choose another folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk — Join the office server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your administrator set up the office server and has its set-up sheet: the server's address, the database name, the CA certificate file and its fingerprint. The owner's password is used once, to give this PC its own login, and never kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Fingerprint from the set-up sheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This PC's name</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Fingerprint on the sheet:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This PC's na&amp;me:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Join the office server</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Type the fingerprint from the set-up sheet.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Give this PC a name (for example "Front desk").</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Joining the office server…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>This is not the fingerprint of the certificate chosen. Check the set-up sheet and the file, then try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Nothing was changed: the certificate was not the server's.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About SV2 Desk</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>SV2 Desk {version}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>&amp;Copy the data folder's location</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Your data is kept in:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>The log is in:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Installed in:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>(run from source)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Runs on:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Licence</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>It is built with:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Licence:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Copied</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ProgressDialog</name>
    <message>
      <source>SV2 Desk — Working</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
