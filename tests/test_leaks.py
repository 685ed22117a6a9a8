"""Confirmation leaks: the sentence classifier on sentences of our own, and NCND6xx on whole drafts.

The sentence lists are ours, written in the styles of many forces and about
many subjects: the first batch while the classifier was built, then five
held-out batches each written afterwards and measured before any fix (the
figures are in the comments; over the 130 + 130 held-out sentences,
precision 0.955 and recall 0.815 as first measured). Precision and recall
over everything are asserted with a floor, and a miss prints the
misclassified sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, shared_path
from convert import write_all
from ncnd_check.analysis.leaks import LEAK_LABELS, classify_sentence, classify_text
from ncnd_check.engine import check_file
from ncnd_check.settings import Settings

LEAK_RULES = ("NCND601", "NCND602", "NCND603")
RULE_FOR_LABEL = {"held": "NCND601", "not-held": "NCND602", "indirect": "NCND603"}

# (expected label, sentence): held = asserts held, not-held = asserts not held,
# indirect = reveals it (withheld, exempt from disclosure, attached, shown).
LEAKING = [
    # written while the classifier was built
    ("held", 'I can confirm that the force holds information relevant to your request.'),
    ("not-held", 'No information is held.'),
    ("not-held", 'There are no records of any such contracts.'),
    ("not-held", 'The force does not use Office 365.'),
    ("held", 'We use Office 365 across the force.'),
    ("indirect", 'The figures you requested are exempt under section 24(1).'),
    ("indirect", 'This information has been withheld.'),
    ("held", 'We have located three documents that fall within the scope of your request.'),
    ("indirect", 'The attached spreadsheet shows the number of accounts purchased in each year.'),
    ("held", 'Searches found two relevant emails.'),
    ("not-held", 'Kent Police does not hold the information you have requested.'),
    ("held", 'West Midlands Police holds a register of ANPR camera locations.'),
    ("not-held", 'We do not record the ethnicity of persons stopped under section 60.'),
    ("not-held", 'This information is not recorded by the force.'),
    ("not-held", 'Searches of our systems found no records relating to your request.'),
    ("not-held", 'No records were located following a search of the relevant systems.'),
    ("held", 'The constabulary has 14 drones in operation.'),
    ("not-held", 'The force has no contract with the supplier you named.'),
    ("indirect", 'Please find attached a copy of the policy.'),
    ("indirect", 'The information you requested is exempt from disclosure under section 31(1)(a).'),
    ("indirect", 'Some details have been redacted under section 40(2).'),
    ("indirect", 'We are withholding the contract under section 43(2).'),
    ("not-held", 'The Metropolitan Police Service does not deploy IMSI catchers.'),
    ("held", 'Greater Manchester Police uses facial recognition software supplied by NEC.'),
    ("held", 'I can confirm that we hold the minutes of those meetings.'),
    ("indirect", 'Our records show that 27 officers were trained in 2023.'),
    ("indirect", 'The table below shows the figures for each financial year.'),
    ("held", 'There were 12 such incidents in 2022.'),
    ("not-held", 'The force has never purchased body armour from that supplier.'),
    ("not-held", 'We do not have a policy on the use of drones.'),
    ("not-held", 'Enquiries with the IT department found no trace of the software.'),
    ("not-held", 'The force no longer uses the Cellebrite system.'),
    ("held", 'I can advise that the software is used on all force laptops.'),
    ("not-held", 'We were unable to locate any information relevant to your request.'),
    ("held", 'Durham Constabulary retains the footage for 31 days.'),
    ("held", 'The requested policy is published on our website.'),
    ("indirect", 'We will not be providing the figures as they are exempt under section 24(1).'),
    ("not-held", 'Please be advised that this data is not held by Thames Valley Police.'),
    ("held", 'The force purchased 250 new Office 365 licences in 2023.'),
    ("held", 'Essex Police currently operates 40 ANPR cameras in the county.'),
    ("held", 'Records of these meetings exist and are held by the Professional Standards Department.'),
    ("held", 'This letter confirms that the information is held by the force.'),
    ("not-held", 'No such information exists.'),
    ("indirect", 'The data you have asked for has been redacted in full.'),
    ("not-held", 'We hold no information about covert surveillance equipment.'),
    ("not-held", 'None of the information you requested is held by this force.'),
    # held out: written after, measured (P 0.98 R 0.93), then fixed
    ("held", 'Following a search of our IT asset register, the force can confirm it has 1,200 Windows 10 laptops.'),
    ("held", 'Northumbria Police does hold information about the number of drones purchased.'),
    ("not-held", "We don't keep a record of how many FOI requests mention Tasers."),
    ("held", 'Our Professional Standards Department holds files on the officers named in your request.'),
    ("held", "The data is stored on the force's crime recording system, Athena."),
    ("not-held", 'Unfortunately no relevant information could be found.'),
    ("not-held", 'A search of our records has returned no results.'),
    ("indirect", 'Please see the attached document for the details of the contract.'),
    ("indirect", 'Information relating to the named individual has been withheld under section 40(2).'),
    ("indirect", 'The remaining information is exempt by virtue of section 30(1)(a).'),
    ("held", 'The force employs 14 full-time analysts in the cyber crime unit.'),
    ("not-held", 'Cleveland Police do not operate any body worn video cameras with facial recognition.'),
    ("held", 'Avon and Somerset Constabulary spent £45,000 on the software in 2022/23.'),
    ("held", 'I am able to confirm that the Constabulary has purchased two armoured vehicles.'),
    ("held", 'We have identified four emails that fall within the scope of your request.'),
    ("not-held", 'There is no information held on this subject.'),
    ("not-held", 'The information is not held in a retrievable format.'),
    ("not-held", 'North Wales Police has never used the Pegasus spyware.'),
    ("not-held", 'The requested records no longer exist as they were destroyed in 2019.'),
    ("indirect", 'Some of the information has been redacted to protect personal data.'),
    ("indirect", 'Your request is refused as the information is exempt from disclosure under section 43(2).'),
    ("held", 'We currently use Microsoft Teams for all internal meetings.'),
    ("not-held", 'The force does not possess any such equipment.'),
    ("indirect", 'The figures below show the total cost of overtime for each year.'),
    ("not-held", 'We have been unable to identify any records matching your description.'),
    ("held", 'Our IT department confirmed that the force uses Windows 11 on all desktop computers.'),
    ("not-held", 'I can confirm that no such policy exists.'),
    ("held", 'The software was purchased in 2021 and is used by the digital forensics unit.'),
    ("not-held", 'The Met does not retain CCTV footage beyond 31 days.'),
    ("indirect", 'We are not in a position to release the information as it is exempt under section 31(1).'),
    ("not-held", 'The Constabulary holds no recorded information about this matter.'),
    ("indirect", 'Enclosed is a copy of the Standard Operating Procedure.'),
    ("held", 'Thames Valley Police has 27 trained drone pilots.'),
    ("not-held", 'The database you refer to is not used by this force.'),
    ("held", 'There were 341 stop and search encounters in the period you specified.'),
    ("held", 'The contract with Motorola is held by the procurement department.'),
    ("indirect", 'These details have been withheld as their release would prejudice law enforcement.'),
    ("not-held", 'In answer to your question, the force does not use ANPR on that road.'),
    ("held", 'We hold a copy of the report but it is exempt under section 24(1).'),
    ("not-held", 'No records exist of any meetings with the company.'),
    ("held", 'South Yorkshire Police bought 50 new Tasers in March.'),
    ("held", 'The only information we hold is the minutes of the meeting.'),
    ("not-held", 'Having searched our systems, I can tell you that no such data is recorded.'),
    ("indirect", 'We have redacted the names of junior staff.'),
    ("held", 'The policy you asked about is available on our website.'),
    # second held-out batch, other forces' styles (measured P 0.96 R 0.73 before its fixes)
    ("held", 'PSNI can confirm that it holds information in relation to your request.'),
    ("not-held", 'The MPS does not hold any recorded information on this matter.'),
    ("held", 'Police Scotland has confirmed that the system is currently in use across all divisions.'),
    ("held", 'Our finance team located invoices for the licences you describe.'),
    ("not-held", 'After searching the relevant databases, no documents matching your request were identified.'),
    ("indirect", 'Information about the operation has been withheld in full.'),
    ("not-held", 'We have no record of any such correspondence with the Home Office.'),
    ("held", 'British Transport Police uses Cellebrite kiosks at six locations.'),
    ("held", "The force's drone unit was disbanded in 2020 and the aircraft were sold."),
    ("indirect", 'The requested report is exempt from disclosure by virtue of section 38(1).'),
    ("indirect", 'The spreadsheet enclosed with this letter lists every device issued.'),
    ("held", 'Nottinghamshire Police currently holds 3,412 records on the database.'),
    ("held", 'We keep these logs for 12 months before they are deleted.'),
    ("not-held", 'The constabulary did not purchase any licences during that period.'),
    ("indirect", 'Please note that the names of officers have been redacted.'),
    ("not-held", 'There is no policy or procedure held on this topic.'),
    ("held", 'We can advise that the Home Office funded the purchase of the vehicles.'),
    ("not-held", 'West Yorkshire Police does not currently deploy live facial recognition.'),
    ("held", 'The Professional Standards Department retains the complaint files you mention.'),
    ("held", 'There were two occasions on which the helicopter was deployed.'),
    ("held", 'We have found a single email that mentions the company by name.'),
    ("not-held", 'As these records do not exist, we cannot provide them.'),
    ("held", 'The force stores all body worn video footage on Evidence.com.'),
    ("held", 'The information you seek is held by the force but is exempt under section 31(1)(a) and (b).'),
    ("not-held", 'Lincolnshire Police has not used the tactic since 2018.'),
    ("not-held", 'We do not collate figures on the ethnicity of drivers stopped.'),
    ("indirect", 'A copy of the relevant policy is attached.'),
    ("held", 'Humberside Police owns two armoured Land Rovers.'),
    ("not-held", 'No information relevant to your request is held by Dorset Police.'),
    ("indirect", 'We are unable to disclose the contract because it is commercially sensitive.'),
    # real forces' wording (DOMAIN.md) and sentences met while checking drafts
    ("held", "I can confirm that West Midlands Police does hold information relevant to your request, however we are withholding it."),
    ("held", "Cleveland Police can confirm it holds information relevant to your request as the duty in s1(1)(a) of the Freedom of Information Act 2000 does not apply, by virtue of the following exemption(s): Section 31(1) Law Enforcement Section 43(2) Commercial Interests."),
    ("not-held", "Enquiries with the relevant departments failed to locate any records."),
    ("held", "The Constabulary can confirm that, as at 1 April 2024, it employed 12 analysts."),
    ("held", "We hold this information on our crime system."),
    ("held", "The information you requested is held."),
    ("held", "The records we hold are exempt."),
    ("held", "Kent Police received 40 Tasers from the Home Office."),
    ("held", "The total cost was £45,000."),
    ("held", "The number of officers trained is 12."),
    ("held", "The information is available on our website."),
    ("held", "It is held on the crime system."),
    # third held-out batch (measured P 0.94 R 0.85 before its fixes)
    ("held", 'Staffordshire Police holds a contract with Serco for custody services.'),
    ("not-held", 'The force has not recorded any instances of the tactic being used.'),
    ("held", 'We employed an external consultant to review the system in 2022.'),
    ("indirect", 'The list of approved suppliers has been withheld under section 43(2).'),
    ("not-held", 'Gwent Police confirms that no such devices have been purchased.'),
    ("held", 'Our searches identified 56 relevant incidents.'),
    ("not-held", 'Derbyshire Constabulary does not have any officers trained in this technique.'),
    ("held", 'The covert unit was established in 2019 and currently has eight officers.'),
    ("indirect", 'The minutes of the meeting are attached for your information.'),
    ("held", 'There are currently 14 officers assigned to the team.'),
    ("held", "The force's surveillance vans are operated by the Serious Crime Unit."),
    ("not-held", 'No correspondence with the company has been located.'),
    ("indirect", 'We have provided the figures we hold in the table below.'),
    ("not-held", 'Essex Police has never received funding from the Home Office for this project.'),
    ("held", "The data requested is recorded on the force's Niche system."),
    ("held", "I can confirm that the Chief Constable's diary for that week is held."),
    ("not-held", 'Merseyside Police no longer retains the footage.'),
    ("held", 'Both of the devices were purchased from Cellebrite in 2020.'),
    ("not-held", 'As the force does not operate drones, we cannot answer your further questions.'),
    ("indirect", 'The remainder of the report has been redacted in accordance with section 31(1).'),
    # fourth held-out batch (measured P 0.83 R 0.67 before its fixes)
    ("held", "The force's records indicate that the vehicle was recovered on 4 June."),
    ("held", 'Hertfordshire Constabulary has a memorandum of understanding with the company.'),
    ("not-held", 'We do not possess any body scanners.'),
    ("held", 'Searches of the Professional Standards database returned three complaints.'),
    ("held", "The unit's budget for 2024/25 is £1.2 million."),
    ("held", 'The relevant files were destroyed in line with our retention schedule.'),
    ("held", 'I can tell you that the force stopped using the system in 2021.'),
    ("held", 'The camera at the junction is owned and operated by the council on our behalf.'),
    ("not-held", 'Dyfed-Powys Police does not employ any civilian investigators.'),
    ("held", 'Only one such warrant has been issued by this force.'),
    ("indirect", 'The audit report you refer to is exempt under section 31(1)(g).'),
    ("indirect", 'Part of the document has been withheld because it contains personal data.'),
    ("not-held", 'Northamptonshire Police did not deploy drones at the event.'),
    ("held", 'The CCTV footage from that night was retained by the investigation team.'),
    ("held", 'We are currently trialling the software in two districts.'),
    # fifth held-out batch, after all the fixes above (measured P 1.0 R 0.75; 'awarded' and 'cost £' added after)
    ("held", 'Cumbria Constabulary retains call recordings for seven years.'),
    ("held", "The force's firearms licensing team holds the application you mention."),
    ("not-held", 'No contracts were awarded to that supplier between 2019 and 2024.'),
    ("not-held", 'We can confirm that the helicopter was not deployed on that date.'),
    ("indirect", 'The spreadsheet attached to this email contains the requested data.'),
    ("held", 'Wiltshire Police has deployed the app to all frontline officers.'),
    ("held", 'The software licence cost £12,500 in 2023.'),
    ("not-held", 'Searches of our email archive identified no messages from the minister.'),
    ("not-held", 'I can confirm that the force does not have a covert policing policy for protests.'),
    ("held", 'Only two officers in the force are trained to use the equipment.'),
    ("held", 'The force has 3 marked vehicles fitted with ANPR.'),
    ("indirect", 'These documents are exempt from disclosure under section 40(2).'),
    ("held", 'The interview recordings are stored securely at headquarters.'),
    ("not-held", 'Lancashire Constabulary has not entered into any agreement with the company.'),
    ("indirect", 'We have disclosed the figures for 2022 and withheld those for 2023.'),
    ("held", 'The force previously used the system but replaced it in 2022.'),
    ("indirect", 'Your request for the minutes has been refused because they are exempt under section 36(2).'),
    ("not-held", 'Regrettably, the data you seek is not recorded by this force.'),
    ("not-held", 'Our IT department has confirmed that no such software is installed on force devices.'),
    ("held", 'The force operates a fleet of four drones from its base in Penrith.'),
]

NOT_LEAKING = [
    # written while the classifier was built
    'To confirm or deny whether the force uses Office 365 would identify vulnerable systems.',
    'Confirming that information exists would lead to a better informed public.',
    'The force can neither confirm nor deny that it holds information relevant to this request.',
    'This should not be taken as an indication that the information requested is or is not held.',
    "Irrespective of what information is or isn't held, the public entrust the Police Service to make appropriate decisions.",
    "Taking into account the current security climate within the United Kingdom, no information (such as the citing of an exemption which confirms information pertinent to this request is held, or conversely, stating 'no information is held') which may aid a terrorist should be disclosed.",
    'Section 1 of the Freedom of Information Act 2000 places two duties on public authorities.',
    'Unless exemptions apply, the first duty at Section 1(1)(a) is to confirm or deny whether the information specified in a request is held.',
    'The second duty at Section 1(1)(b) is to disclose information that has been confirmed as being held.',
    'Security measures are put in place to protect the community we serve.',
    'Confirmation or denial that information is held in this case would suggest the force takes its responsibilities dismissively.',
    'Kent Police will neither confirm nor deny that any information is held by virtue of the following exemptions.',
    'To confirm whether Essex Police utilises drones would enable the public to hold the force to account.',
    'Any disclosure under FOI is a release to the world at large.',
    'If the force were to confirm that it held such records, offenders would gain an advantage.',
    'Stating that no information is held would be just as harmful as confirming that it is.',
    'The points above highlight the merits of confirming or denying that the requested information exists.',
    'The balance test favours neither confirming nor denying that information is held.',
    'None of the above can be viewed as an inference that the information you seek does or does not exist.',
    'The response should not be taken as conclusive evidence that the information you have requested exists or does not exist.',
    'Policing is an information-led activity, and information assurance is fundamental to how the Police Service manages the challenges faced.',
    'The Police Service is charged with enforcing the law, preventing and detecting crime and protecting the communities we serve.',
    'Revealing whether the force deploys covert tactics in a particular area would undermine law enforcement.',
    'A confirmation or denial would reveal whether the force has the capability to monitor mobile phones.',
    'Forces use a wide range of tactics to tackle serious and organised crime.',
    'The public are entitled to know how public funds are spent.',
    'The College of Policing has published guidance on information security.',
    'Where exemptions are relied upon, Section 17 of the Act requires that we provide the applicant with a notice which states that fact.',
    'Should any information be held, it would be exempt under section 31(1).',
    'In this case, the information, if held, would be exempt from disclosure under section 24(1).',
    'Any information held would relate to national security matters.',
    'It is not possible to say whether records of this kind would be held.',
    "The National Police Chiefs' Council maintains a national position on this subject.",
    'The duty to confirm or deny does not arise by virtue of section 23(5).',
    'Section 24(2) is a qualified exemption and there is a requirement to articulate the harm.',
    'The ICO accepts that confirming or denying whether information is held can itself cause harm.',
    'The force recognises that there is a public interest in transparency.',
    'Information sharing takes place with other police forces and security bodies.',
    'Offenders could use this knowledge to evade detection.',
    'Criminals who use encrypted devices would benefit from such a disclosure.',
    'We hope this explains our position.',
    'Disclosure under the Act is disclosure to the world, not just to the requester.',
    'The cumulative effect of terrorists gathering information from various sources would be even more impactive.',
    "Neither confirming nor denying that we hold Office 365 accounts protects the force's network.",
    'If you are unhappy with this response, you may ask for an internal review.',
    'To state that we do not use a particular system would allow criminals to target forces that do.',
    # held out: written after, measured (P 0.98 R 0.93), then fixed
    'Confirming or denying whether the force uses drones would allow criminals to adapt their behaviour.',
    'To disclose whether any records exist would undermine ongoing investigations.',
    'Any confirmation that the force holds information of this nature would be damaging.',
    'Lancashire Constabulary neither confirms nor denies that it holds the information you have requested.',
    'This response should not be taken to imply that the information you have requested does or does not exist.',
    'The force must be consistent in its use of neither confirm nor deny, whether or not information is held.',
    'Were the force to state that no records exist, it would reveal a gap in its capability.',
    'A denial that the information exists could equally assist those intent on crime.',
    'Police forces hold a vast amount of sensitive data about individuals.',
    'The public rightly expect the police to use all the powers available to them.',
    'It is well established that the police use covert techniques in the investigation of serious crime.',
    "The ICO's guidance explains when a public authority may refuse to confirm or deny.",
    'There is a strong public interest in the police being open and transparent.',
    'There is no requirement for the force to confirm or deny whether it holds this information.',
    'Members of the public may wish to know whether the force uses this technology.',
    'Criminals would use any confirmation to identify forces without the capability.',
    'The harm in confirming or denying that information is held is set out below.',
    'In order to maintain the integrity of policing operations, the force applies NCND consistently.',
    'Terrorists could use this information to plan an attack.',
    'Whether information is or is not held is not the issue; it is the act of confirming that causes harm.',
    'The force takes its responsibility to protect information seriously.',
    'We recognise that there is a public interest in knowing how money is spent.',
    'It would be inappropriate to comment on whether the force holds such records.',
    'If the information were held, it would be exempt under section 31(1)(a).',
    'Please note that this letter is not confirmation that any information is held.',
    'Disclosure of whether the force employs this tactic would be to the detriment of policing.',
    'The Home Office publishes national statistics on the use of force.',
    'Individuals intent on committing crime would be able to map police capability across the country.',
    'Our decision is not an indication that information exists or does not exist.',
    'Revealing whether records are held would enable a requester to build a picture of police activity.',
    "You can read the ICO's guidance on neither confirm nor deny on its website.",
    'We are committed to openness and transparency wherever possible.',
    'You have the right to request an internal review of this decision.',
    'For these reasons the force can neither confirm nor deny whether it uses Office 365.',
    "The College of Policing's Authorised Professional Practice sets the national standard.",
    'Confirmation either way would provide offenders with valuable intelligence.',
    'The information, if it exists, would relate to sensitive operational matters.',
    'As the force cannot confirm or deny that it holds the information, no further explanation can be given.',
    'Neither confirming nor denying that any information is held ensures the force is consistent.',
    'Officers use their discretion when deciding whether to stop a vehicle.',
    'The duty in section 1(1)(a) does not apply by virtue of sections 23(5), 24(2) and 31(3).',
    'Any information falling within the scope of your request would be exempt.',
    'Information held by public authorities is subject to the Act.',
    'Should the force hold such records, disclosure would prejudice the prevention of crime.',
    'To say that the force does not hold this information would be as harmful as saying that it does.',
    # second held-out batch, other forces' styles (measured P 0.96 R 0.73 before its fixes)
    'PSNI is providing an NCND response and will explain this further below.',
    'The MPS neither confirms nor denies whether it holds information relevant to your request.',
    'Confirming or denying the use of such a system would compromise ongoing operations.',
    'Were we to confirm that no documents exist, offenders could conclude that the tactic is not used.',
    'The force relies on the exemptions set out below.',
    'Police Scotland is committed to providing information where it can.',
    'Any acknowledgement that the information is held would undermine national security.',
    'The application of NCND does not depend on whether information is actually held.',
    'Should information be held, its disclosure would prejudice law enforcement.',
    'This letter serves as a Refusal Notice under Section 17 of the Act.',
    'Under the Act, disclosure is to the world at large, not just to the person making the request.',
    'Sections 23 and 24 can be cited together to avoid revealing whether security bodies are involved.',
    'The Police Service relies on the support of the public to prevent crime.',
    'Neither the existence nor the absence of records can be inferred from this response.',
    'If any records existed, they would relate to sensitive covert activity.',
    'The force is unable to confirm or deny whether the system you name is used.',
    'Criminal groups use public information to identify weaknesses in police capability.',
    'Any information that may be held would be exempt under section 30(3).',
    'A decision to confirm would have to be made consistently across all similar requests.',
    'This response is not an indication of whether or not the force uses the technology.',
    'The public would wish to know whether public money is spent wisely.',
    'You may complain to the Information Commissioner if you remain dissatisfied.',
    'We have considered your request under the Freedom of Information Act 2000.',
    "The ICO's guidance states that NCND should be used consistently.",
    'To indicate whether records of this kind are kept would reveal operational practice.',
    'Officers are trained to use the powers available to them proportionately.',
    'Harm would be caused by confirming whether the force owns such equipment.',
    'We will neither confirm nor deny whether the information is held.',
    'Disclosure of whether the force retains such data would assist offenders.',
    'The force has applied the exemptions consistently in previous responses.',
    # real forces' wording (DOMAIN.md) and sentences met while checking drafts
    "There may be occasions when complying with the duty to confirm or deny under section 1(1)(a) would in itself disclose sensitive or potentially damaging information that falls under an exemption.",
    "In these circumstances, the Act allows a public authority to respond by refusing to confirm or deny whether it holds the requested information.",
    "The decision to neither confirm nor deny the existence of information is not affected by whether it does or does not actually hold the information.",
    "This should not be taken as necessarily indicating that any information that would meet your request exists or does not exist.",
    "We shall neither confirm nor deny that we hold any information regarding your request and in doing so will rely on the following exemptions.",
    "North Yorkshire Police neither confirms nor denies that any information is held pursuant to the following exemptions:",
    "The Police Service will not divulge whether information is or is not held if to do so would place an individual or group at risk.",
    "In addition, by confirming or denying whether any information is held would allow inferences to be made about the nature and extent of national security related activities which may or may not take place in a given area.",
    "The MPS has considered your request and, in accordance with section 1(1)(a), is unable to confirm or deny whether it holds the information.",
    "The information requested, if held, would relate to covert tactics.",
    "Above is all the information we will release to you in relation to this request.",
    "Where a public authority holds information, it must consider whether an exemption applies.",
    "The force has a duty to protect the information it holds.",
    "Each force holds its own records.",
    "Public authorities hold a great deal of personal data.",
    "The force uses the exemptions at sections 24(2) and 31(3).",
    "Data held by the force is protected by the Data Protection Act 2018.",
    # what a letter says about itself and its enclosures
    "Please find attached our response to your request.",
    "Please find attached a leaflet explaining your right to request an internal review.",
    "The attached Appendix A explains the duty to confirm or deny.",
    "The ICO's guidance is available on its website.",
    "Further information about the Act is available at www.legislation.gov.uk.",
    "Information about how we handle your personal data is available on our website.",
    "A copy of our complaints procedure is attached.",
    "The full text of the exemptions is published at www.legislation.gov.uk.",
    "Details of your rights are set out in the attached leaflet.",
    "This letter is published in our disclosure log.",
    # third held-out batch
    'To confirm or deny whether Staffordshire Police has a contract with any particular supplier would harm its commercial interests.',
    'Revealing whether the tactic has been used would assist those planning criminal activity.',
    'The force would never jeopardise an investigation by revealing its tactics.',
    'Confirmation that any list of suppliers exists would undermine future procurement.',
    'Gwent Police is unable to confirm or deny whether any devices have been purchased.',
    'Stating the number of incidents, or that there were none, would be equally revealing.',
    'Derbyshire Constabulary neither confirms nor denies whether its officers are trained in this technique.',
    'The public has an interest in knowing that covert units are properly supervised.',
    'Any minutes of meetings, if they exist, would be exempt from disclosure.',
    'Were the force to reveal staffing levels, criminals could judge its capacity.',
    'Surveillance is a vital tool in the fight against serious crime.',
    'It would not be appropriate to state whether correspondence with the company exists.',
    'The table below sets out the exemptions relied upon and the harm in confirming or denying.',
    'Essex Police considers that the balance lies in maintaining its NCND position.',
    'Whether or not data of this kind is recorded, the force must respond consistently.',
    'The Chief Constable is committed to transparency where it does not compromise operations.',
    'The retention of footage is governed by national guidance.',
    'The purchase of equipment by police forces is a matter of legitimate public interest.',
    'If the force were to say it does not operate drones, this would reveal a gap in capability.',
    'This response neither confirms nor denies whether any report exists.',
    "We received your request on 3 May 2025.",
    "The force has received a number of similar requests.",
    # fourth held-out batch
    'Confirming whether vehicles were recovered would reveal the progress of an investigation.',
    'Hertfordshire Constabulary can neither confirm nor deny whether it has any agreement with the company.',
    'To state that the force does not possess body scanners would reveal a gap in its security.',
    'Whether or not any complaints are recorded, the force must apply NCND consistently.',
    'Disclosing the budget of a covert unit would reveal its size and capability.',
    'Retention schedules are published by many forces on their websites.',
    'Any decision to stop using a system would be a matter for the Chief Constable.',
    'The public expects cameras to be operated lawfully and proportionately.',
    'To reveal the number of civilian investigators would assist those who seek to avoid detection.',
    'If a warrant had been issued, confirming it could prejudice the investigation.',
    'The report, if held, would fall to be considered under section 31(1)(g).',
    'Information of this nature is routinely withheld by police forces across the country.',
    'Deploying drones at public events is a matter of legitimate public debate.',
    'Footage of this kind, if it exists, would be personal data.',
    'Trials of new technology are subject to national guidance.',
    "The appropriate limit is £450.",
    "The reference number is 2024/118.",
    "Our response time is 20 working days.",
    # fifth held-out batch
    'To confirm or deny whether call recordings are retained would reveal operational practice.',
    'Cumbria Constabulary will neither confirm nor deny whether any licensing records are held.',
    'Confirming whether contracts were awarded could prejudice the commercial interests of suppliers.',
    'If the helicopter had been deployed, stating so could compromise future operations.',
    'Releasing information of this kind would provide a tactical advantage to criminals.',
    'The force must consider the harm that would arise from confirming whether an app is used.',
    'Licensing costs are a matter of public interest in times of financial constraint.',
    'The Act does not require the force to create information in order to answer a request.',
    'To state that the force has no covert policy would be as revealing as to state that it has one.',
    'Training in the use of specialist equipment is a matter for each force.',
    'Criminals would benefit from knowing how many vehicles are fitted with ANPR.',
    'Personal data about third parties is protected under section 40 of the Act.',
    'The security of interview recordings is a matter of public confidence.',
    'Forces enter into agreements with many companies for many purposes.',
    'The figures, if held, would be considered for disclosure separately.',
    'A change of system would normally be announced publicly.',
    'Section 36(2) requires the reasonable opinion of a qualified person.',
    'The ICO accepts that data of this kind may be withheld where disclosure would cause harm.',
    'Any software installed on force devices is subject to security accreditation.',
    'The use of drones by the police is governed by Civil Aviation Authority rules.',
]


def _scores():
    tp = [s for _, s in LEAKING if classify_sentence(s).is_leak]
    fn = [s for _, s in LEAKING if not classify_sentence(s).is_leak]
    fp = [s for s in NOT_LEAKING if classify_sentence(s).is_leak]
    precision = len(tp) / ((len(tp) + len(fp)) or 1)
    recall = len(tp) / len(LEAKING)
    return precision, recall, fn, fp


def test_the_lists_are_big_enough_and_distinct():
    assert len(LEAKING) >= 40 and len(NOT_LEAKING) >= 40
    sentences = [s for _, s in LEAKING] + NOT_LEAKING
    assert len(set(sentences)) == len(sentences)
    assert {label for label, _ in LEAKING} == set(LEAK_LABELS)


def test_precision_and_recall_floor():
    precision, recall, missed, false_alarms = _scores()
    detail = "\nmissed:\n  " + "\n  ".join(missed) + "\nfalse alarms:\n  " + "\n  ".join(false_alarms)
    assert precision >= 0.97, f"precision {precision:.3f}" + detail
    assert recall >= 0.9, f"recall {recall:.3f}" + detail


def test_leak_kind_is_right_for_most():
    # Misses are the recall floor's business; of the leaks found, the kind is right for nearly all.
    found = [(label, s, classify_sentence(s)) for label, s in LEAKING]
    found = [(label, s, v.label) for label, s, v in found if v.is_leak]
    wrong = [item for item in found if item[0] != item[2]]
    assert len(wrong) <= len(found) // 20, wrong


@pytest.mark.parametrize(
    "sentence, label",
    [
        ("I can confirm that the force holds information relevant to your request.", "held"),
        ("To confirm or deny whether the force holds information relevant to your request would cause harm.", "discussion"),
        ("The force does not use Office 365.", "not-held"),
        ("If the force did not use Office 365, saying so would reveal a weakness.", "hypothetical"),
        ("We are withholding the contract under section 43(2).", "indirect"),
        ("The information is exempt from the duty to confirm or deny under section 24(2).", "none"),
        ("Do you hold any records of this?", "discussion"),
        ("Nil return.", "not-held"),
    ],
)
def test_minimal_pairs(sentence, label):
    verdict = classify_sentence(sentence)
    if label == "none":
        assert not verdict.is_leak
    else:
        assert verdict.label == label, verdict


def test_quoting_a_denial_as_an_example_is_not_a_leak():
    sentence = (
        "Taking into account the current security climate within the United Kingdom, no information "
        "(such as the citing of an exemption which confirms information pertinent to this request is held, "
        "or conversely, stating 'no information is held') which may aid a terrorist should be disclosed."
    )
    assert not classify_sentence(sentence).is_leak
    assert classify_sentence("'No information is held' would be the answer if nothing existed.").label != "not-held"


def test_subject_terms_make_a_possession_specific():
    # "has" alone is too common to count; with the request's subject in its object it is an answer.
    assert not classify_sentence("The force has Office 365 accounts for every officer.").is_leak
    verdict = classify_sentence("The force has Office 365 accounts for every officer.", {"office", "365", "account"})
    assert verdict.label == "held"


def test_sentences_in_a_paragraph_are_judged_one_by_one():
    text = (
        "To confirm or deny whether the force uses drones would reveal its capability. "
        "The force does not use drones. Confirming that information exists would assist offenders."
    )
    labels = [verdict.label for _, verdict in classify_text(text)]
    assert labels[1] == "not-held"
    assert labels[0] not in LEAK_LABELS and labels[2] not in LEAK_LABELS


# --- Whole drafts, in the three formats --------------------------------------------


def _findings(name: str, tmp_path: Path, fmt: str, **settings):
    md = (FIXTURES / "leaks" / f"{name}.md").read_text(encoding="utf-8")
    path = write_all(md, tmp_path, name)[fmt]
    result = check_file(path, Settings(**settings))
    assert result.error is None
    return result


FORMATS = ("text", "html", "docx")


def _block_containing(result, snippet: str) -> int:
    return next(b.index for b in result.analysis.document.blocks if snippet in b.text)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "name, authority",
    [("clean_kent_drones", "Kent Police"), ("clean_kent_drones", None), ("clean_psni_imsi", "PSNI"), ("clean_psni_imsi", None)],
)
def test_correct_draft_has_no_finding_of_these_categories(tmp_path, fmt, name, authority):
    result = _findings(name, tmp_path, fmt, authority=authority)
    assert result.response["type"] == "ncnd"
    assert [f for f in result.findings if f.category in ("confirmation-leak", "template-residue", "document-hygiene")] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_leaks_in_a_draft_are_reported_where_they_are(tmp_path, fmt):
    result = _findings("leaky_kent_drones", tmp_path, fmt, authority="Kent Police")
    leaks = {(f.rule, f.location.block): f for f in result.findings if f.category == "confirmation-leak"}
    expected = {
        ("NCND601", _block_containing(result, "holds a register of its drones")),
        ("NCND602", _block_containing(result, "drones made by DJI")),
        ("NCND603", _block_containing(result, "exempt under section 24(1)")),
    }
    assert set(leaks) == expected
    denial = leaks[("NCND602", _block_containing(result, "drones made by DJI"))]
    assert denial.evidence == "The force does not use drones made by DJI."
    assert denial.severity == "error" and "hypothetical" in denial.suggestion


@pytest.mark.parametrize("fmt", FORMATS)
def test_partial_response_counts_only_its_ncnd_part(tmp_path, fmt):
    # Question 1 is answered ("holds this information", "the table below shows"): not a leak there.
    result = _findings("partial_west_mercia", tmp_path, fmt)
    assert result.response["type"] == "partial-ncnd"
    assert [f for f in result.findings if f.category == "confirmation-leak"] == []

    leaky = _findings("partial_west_mercia_leak", tmp_path, fmt)
    found = [f for f in leaky.findings if f.category == "confirmation-leak"]
    assert [(f.rule, f.location.block) for f in found] == [
        ("NCND602", _block_containing(leaky, "does not use drones at protests"))
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_disclosure_is_not_checked_for_leaks(tmp_path, fmt):
    result = _findings("disclosure_other", tmp_path, fmt)
    assert result.response["type"] == "other"
    assert [f for f in result.findings if f.category == "confirmation-leak"] == []


def test_approved_wording_never_leaks():
    from ncnd_check.wording.library import load_library

    library = load_library(None)
    assert library.paragraphs
    for paragraph in library.paragraphs:
        text = paragraph.filled({"authority": "Kent Police", "subject": "drones", "exemptions": "section 31(3)"})
        leaking = [(sentence, verdict) for sentence, verdict in classify_text(text) if verdict.is_leak]
        assert leaking == [], paragraph.id


def test_seed_has_no_confirmation_leak():
    seed = shared_path("seed", "000_a7a05b5f3e6f79d7.txt")
    result = check_file(seed, Settings())
    assert result.response["type"] == "ncnd"
    assert [f for f in result.findings if f.category == "confirmation-leak"] == []


def _draft_with(sentences: list[str]) -> tuple[str, list[str]]:
    """The clean draft with each sentence as a paragraph of its own in the harm section.

    The request is taken out: the sentences are about many subjects, and a leak is
    a statement about the request's own subject (or, where the draft does not say
    what was asked, about anything specific the responder holds or uses).
    """
    md = (FIXTURES / "leaks" / "clean_kent_drones.md").read_text(encoding="utf-8")
    md = re.sub(r"## Request\n.*?(?=## Response)", "", md, flags=re.S)
    anchor = "Any disclosure under the Act is a disclosure to the world at large."
    assert anchor in md
    return md.replace(anchor, "\n\n".join(sentences) + "\n\n" + anchor), sentences


def test_every_leaking_sentence_is_found_inside_a_draft():
    from convert import to_text
    from ncnd_check.engine import check_text

    md, sentences = _draft_with([s for _, s in LEAKING])
    result = check_text(to_text(md), settings=Settings(select=["NCND6"]))
    assert result.response["type"] == "ncnd"
    flagged = {f.evidence for f in result.findings}
    missed = [s for s in sentences if s not in flagged]
    assert len(missed) <= len(sentences) // 10, missed
    assert flagged <= set(sentences)


def test_no_non_leaking_sentence_is_flagged_inside_a_draft():
    from convert import to_text
    from ncnd_check.engine import check_text

    md, _ = _draft_with(NOT_LEAKING)
    result = check_text(to_text(md), settings=Settings(select=["NCND6"]))
    assert result.response["type"] == "ncnd"
    assert [f.evidence for f in result.findings] == []


# --- The clause test on the shapes issue 15 names ------------------------------------

@pytest.mark.parametrize(
    "sentence, subject",
    [
        ("The Border Agency is one of the bodies listed in that section.", "the Border Agency's use of drones"),
        ("The council has no power to publish personal data of this kind.", "complaints about a named councillor"),
        ("Public money spent on enforcement should be used effectively.", "enforcement cameras"),
        ("That interest is met by the general statistics we already publish about fraud.", "fraud detection tools"),
        ("Offenders are known to gather details of covert tactics from many sources.", "covert tactics"),
        ("In reaching this decision we have relied on the provisions below.", "drone flights"),
        ("The Trust applies this approach to all requests of this type.", "security contracts"),
        ("Electric buses are bought with public funding.", "electric buses"),
        ("Although we neither confirm nor deny, the duty in section 1(1)(a) is explained below.", "drones"),
        ("Please tell me what data the model uses and how many claims it flagged.", "a fraud model"),
    ],
)
def test_statements_that_say_nothing_about_holding_are_not_leaks(sentence, subject):
    from ncnd_check.analysis.subject import content_terms

    verdict = classify_sentence(sentence, content_terms(subject))
    assert not verdict.is_leak, verdict


@pytest.mark.parametrize(
    "sentence, subject, label",
    [
        ("We can confirm that the force holds this information; however, it is exempt.", "drones", "held"),
        ("The drone flight logs for the Fernbank Lane site are kept by our air support unit.", "drone flights over the Fernbank Lane site", "held"),
        ("The matter you refer to was closed by the Monitoring Officer in April.", "complaints about Councillor Hawley", "held"),
        ("Our contract with the supplier ends in 2027.", "the hospital's security contract", "indirect"),
        ("Although the force has never bought such equipment, confirming or denying would show openness.", "covert phone monitoring equipment bought by the force", "not-held"),
        ("I have now considered your request and have located the purchase records you describe.", "purchase records for IMSI catchers", "held"),
        ("The force does not, as a rule, say whether a company is under investigation, and the file on the directors was passed to the Crown Prosecution Service.", "an investigation into the directors of Harbourside Care Ltd", "held"),
        ("That guidance was not informed by advice from the security bodies, and none has been received by the Department since.", "advice from the security bodies", "not-held"),
    ],
)
def test_assertions_about_the_requested_thing_are_leaks(sentence, subject, label):
    from ncnd_check.analysis.subject import content_terms

    verdict = classify_sentence(sentence, content_terms(subject))
    assert verdict.is_leak, verdict
    assert verdict.label == label, verdict


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_confirmation_under_an_answer_heading_is_checked(tmp_path, fmt):
    # A Request/Answer layout: the request echo ends at "Answer 1", so the answer is checked.
    md = (
        "# Freedom of Information Request 2026-0001\n\n"
        "## Request 1\n\nDo you hold any records of drone flights over the Fernbank Lane site?\n\n"
        "## Answer 1\n\nI can confirm that the force holds records of drone flights over the site; however, they are exempt.\n\n"
        "## Answer 2\n\nThe force can neither confirm nor deny that it holds this information, by virtue of section 31(3).\n"
    )
    path = write_all(md, tmp_path, "answers")[fmt]
    result = check_file(path, Settings(select=["NCND6"]))
    assert [f.rule for f in result.findings] == ["NCND601"]
    assert "holds records of drone flights" in result.findings[0].evidence
