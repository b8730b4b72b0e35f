// How members' words are brought to the words of the knowledge base, for questions and entries alike:
// phrase rewrites ("the test" → exam, "how much" → fee), an abbreviation/typo table (hrs → hours,
// sup → supervision, crs → crss), stop words, and a light plural stemmer. The same processing runs when
// entries are indexed and when a question is searched, so both sides meet on the same terms. Chat spelling is
// brought to plain English first (chat-spelling.ts).
import { plainEnglish } from './chat-spelling.js';

/** Whole phrases, applied to lowercased text before it is split into words. Order matters: longest first. */
const PHRASES: [RegExp, string][] = [
  // A negated thing is not what is asked: "cost to submit the app? not the test, just the app".
  [/\b(not|except|besides|excluding|without) (going through |going to |using |doing |taking )?(the |a |an |my |your )?(test|exam|app|application|fee|renewal|supervision|training|college|school|program)s?\b/g, ' '],
  // "is it right for me", "would i be a good fit": whether a credential fits the member.
  [/\b(right|good fit|a fit|the right fit|suited|suitable|meant) for me\b|\b(is|are) (it |this |that |peer work |peer support )?(really )?for me\b|\b(am i|would i be|i am) (a )?(good )?fit\b/g, ' eligible '],
  [/\bfollow(ing|s|ed)?[ -]?ups?\b/g, ' followup '],
  // "last question", "one last thing": chatter around a question ("how long does it last" keeps its word).
  [/\b(one )?last (question|thing|one|q)\b/g, ' '],
  // Who may sign supervision or be a supervisor: the supervision entry (before "who can be …" is read as eligibility).
  [/\bwho('?s| is| are)? (allowed|able|qualified|eligible|permitted) to (sign|supervise|be (a |an |the |my )?(crss |cprs )?supervisor)\b|\bwho (can|may|could) (sign|supervise|be (a |an |the |my )?(crss |cprs )?supervisor)\b|\b(can|could|may) (a|an|my|the|our) \w+ (supervise|sign off|be (a |an |the |my )?(crss |cprs )?supervisor)\b/g, ' supervision qualified '],
  // "not really mental health stuff": the condition the member does not have.
  [/\b(not|isnt|is not|never) (really |rly |a |an )?(about |from )?(mental health|mental illness)( stuff| issues?| things?| problems?)?\b/g, ' '],
  // "different fees", "different answers": several of a thing, not the difference between the credentials.
  // Fees that differ or conflict between sources: all the fees (the fees entry says where they conflict).
  [/\b(different|differing|conflicting|contradicting|contradictory|mixed|inconsistent) (fees|prices|costs|amounts)\b/g, ' fee allfees '],
  [/\bdifferent (numbers|answers|things|info\w*)\b/g, ' $1 '],
  [/\b(dropped|drop|dropping) out( of)?( \w+ (school|year|yr))?\b/g, ' highschool '],
  // "after a call" is a phone call that happened, not a question about whom to call.
  [/\b(a|the|each|every|per|that|this) (phone )?call\b/g, ' phonecall '],
  // Doing it "on my own" is the independent pathway.
  [/\b(on (my|your|our|their) own|by (myself|yourself|ourselves|themselves)|independently|self-paced)\b/g, ' independent '],
  [/\bcrss-?e\b/g, ' crsse '],
  [/\bcrss-?ya\b/g, ' crssya '],
  // NAADAC's national credential, named in full ("is the cprs national" is not about it).
  [/\bnational certified recovery specialists?\b/g, ' ncrs '],
  [/\bcertified recovery support specialists?\b/g, ' crss '],
  [/\brecovery support specialists?\b/g, ' crss '],
  [/\bcertified peer recovery specialists?\b/g, ' cprs '],
  [/\bpeer recovery specialists?\b/g, ' cprs '],
  [/\bcommunity health workers?\b/g, ' chw '],
  [/\billinois certification board\b/g, ' icb '],
  [/\b(illinois )?department of human services\b/g, ' idhs '],
  [/\bcontinuing (education|ed)( units?| credits?| hours?)?\b/g, ' ceu '],
  [/\bcontinuing ed\b/g, ' ceu '],
  [/\bwarm ?line\b/g, ' warmline '],
  [/\bnine eight eight\b/g, ' 988 '],
  [/\bcrisis line\b/g, ' crisisline '],
  // The crisis services, described rather than named.
  [/\bcrisis (team|teams|response|responders?|worker|workers|unit)\b|\b(a team|someone|somebody|people) (to )?come( out| over| to (the|my|our|their) (house|home|place))?\b|\b(send|sends|sending|come|comes|coming) (someone|somebody|a team|people|out)\b(?=[^.?!]{0,30}\b(house|home|crisis|out)\b)/g, ' mobilecrisis '],
  [/\b(crisis|suicide|suicide prevention|emergency mental health) (hotline|hot line|number|phone|text line|chat)\b|\bsuicide hotline\b/g, ' crisisline '],
  [/\b(peer|support|non-crisis|noncrisis|non crisis|talk) (line|phone line)\b|\b(just )?(need|want|wants|needs) (someone |somebody )?to talk( to (someone|somebody))?\b|\bnot (a |in )?crisis\b(?=[^.?!]{0,40}\b(line|call|number|talk)\b)/g, ' warmline '],
  [/\b(crisis )?respite\b|\b(instead of|rather than) (going to )?(the )?(er|emergency room|hospital|ed)\b|\b(drop|walk)[ -]in (center|centre|place|program)\b/g, ' respite '],
  [/\brecovery (homes?|houses?|residences?)\b|\bsober (living|homes?|houses?)\b/g, ' ncrs recovery home '],
  [/\b(practicum|field placement|field work|fieldwork|placement hours|interns?|interning)\b/g, ' internship '],
  [/\b(mental health professional|mhp|qualified staff)\b/g, ' rule 132 '],
  // Pay for the work is not a fee: "how much do cprs get paid", "what do peer specialists make an hour".
  [/\bhow much (does|do|can|will|would|could) (a |an )?(?:(?:crss|cprs|peer|chw|\w+) )?(?:\w+ )?(make|earn|get paid)\b|\b(get|getting|be|are|is) paid\b|\bsalar(y|ies)\b|\bwages?\b|\bincome\b(?! (limit|requirement))|\b(hourly|pay) (rate|pay)\b|\bmake (an|per|a) (hour|year)\b/g, ' salary '],
  // Retaking or failing the exam, and cancelling it: no entry says what happens.
  [/\b(retake|retaking|re-take)\b(?! (the |a |my |that |this )?(same )?(workshop|training|class|course))|\b(fail|failed|failing|flunk\w*|cancel\w*|reschedul\w*)\b/g, ' retake '],
  // An application that expires or stays open is about applying, not renewal.
  [/\b(app|application)(s)?\b([^.?!]{0,40}?)\b(expires?|expiring|expired|close|closes)\b/g, '$1$2$3 stay open '],
  // Documents for the application ("my supervision docs") are not a question about supervision.
  [/\b(supervision|training|work|education|recovery) (docs|documents|documentation|forms?|paperwork|letters?|logs?|proof)\b/g, ' document '],
  [/\bdocs\b/g, ' document '],
  // Medical or school records are documents, not a criminal record.
  [/\b(medical|health|treatment|hospital|school|college|work|training|employment) records?\b/g, ' document '],
  [/\bweb ?site\b/g, ' website '],
  [/\bic ?& ?rc\b/g, ' icrc '],
  // The price said other ways: "price tag", "out of pocket"; renewing said other ways: "re-up", "recert".
  [/\bprice ?tags?\b|\bout[ -]of[ -]pocket\b/g, ' fee '],
  [/\bre-?up\b|\bre-?certs?\b/g, ' renewal '],
  [/\bwho (do|can|should|would) (i|we|you) (talk|speak) (to|with)\b/g, ' contact '],
  [/\b(no|zero|low)[ -]cost\b/g, ' free '],
  // "when did illinois start offering the cprs": when it began.
  [/\bwhen (did|was|were) (\w+ )?(start|begin|first) (offering|giving|having|issuing|introduc\w*)\b|\bwhen (was|were) (it |the \w+ )?(introduced|created|first offered)\b/g, ' start launch '],
  // "i never went to college": the education needed.
  [/\b(never|did not|didnt|didn't|do not|dont|don't) (go|went|gone|attend\w*|finish\w*|complete\w*|graduat\w*) (to |from )?(college|university|school|high school)\b/g, ' degree highschool '],
  // "who can get a crss", "who is allowed to be a cprs": whom the credential fits.
  [/\bwho (can|could|may|is allowed to|is eligible to|qualifies to|should) (get|be|become|have|apply for|hold)\b(?! (a |an |my |the )?(supervisor|mentor|trainer|reference))/g, ' eligible '],
  // Moving from one credential to the other is the CPRS equivalency, not reciprocity between states.
  [/\b(transfer|switch|convert|change|upgrade|move) (my |a |the )?(crss|cprs) (in)?to (a |the )?(crss|cprs)\b/g, ' equivalency $3 $6 '],
  // Which one "pays more" asks about pay for the work, which no entry answers.
  [/\b(pays?|paid|earns?|makes?) (more|better|less|the most)\b/g, ' salary '],
  [/\boutside (of )?(illinois|il|the state)\b/g, ' state '],
  // A member's own age, working without a credential, an employer paying: no entry answers them.
  [/\bhow old (do|does|must|should|would|will) (i|you|someone|one|a person|they|he|she|we) (have to |need to |got to |gotta )?be\b|\bage (limit|requirement|minimum|restriction)s?\b|\bminimum age\b|\bold enough\b|\btoo (young|old) to (be|become|apply|get|work|do|start)\b/g, ' personage '],
  [/\bwithout (being |getting |having |a |my |the )?(certified|certification|cert|credential|license|licensed)\b/g, ' uncertified '],
  [/\b(my |the |our |your )?(job|work|employer|boss|company|agency|workplace) (pay|pays|paying|cover|covers|reimburse|reimburses)\b/g, ' employer '],
  // Booking the exam and a dress code: no entry answers them ("book" is not a study book, "code" not the ethics code).
  [/\b(book|booking|schedule|scheduling|register for|registering for|sign up for|signing up for) (my |the |an |a )?(crss |cprs )?(exam|test|testing|appointment|seat|slot|date)\b/g, ' examschedule '],
  [/\bdress code\b/g, ' dresscode '],
  // "what do i need for the cprs": its requirements.
  [/\bwhat (do|does|would|will) (i|you|one|someone|a person|we) (need|have to do|gotta do) (for|to get|to become|to be|to apply for|to do) (the |a |an |my )?(?=(crss|cprs|certification|certified|cert))/g, ' requirement '],
  // Time since treatment is time in recovery; rehab and detox are recovery.
  [/\b(after|since|out of|leaving) (treatment|rehab|detox|inpatient|residential)\b/g, ' recoverytime '],
  [/\bpay (for|4) (the |my |a )?(renewal|renewing|exam|test|application|app|certification|cert)\b/g, ' fee $3 '],
  [/\bwhere (do|can|should|would) (i|we|you) (send|mail|submit|upload|turn in|drop off|fax)\b/g, ' apply '],
  // A mental health condition named: recovery from mental health (the CRSS fits it).
  [/\b(depression|anxiety|bipolar|schizophrenia|schizoaffective|ptsd|ocd|mental illness|psychosis|borderline)\b/g, ' mental health '],
  [/\b(fits|suits) me\b/g, ' eligible '],
  // "who is the certification meant for", "who is the crss for": whom it fits.
  [/\bwho (is|are) (it|this|that|they|(?:the |this |that )(crss|cprs|cert\w*|credential\w*|peer \w+))( really| actually)? (meant |intended |designed |made )?for\b/g, ' eligible whofor $3 '],
  // "what now", "what's next": the next steps.
  [/\b(what|whats|what's) (now|next)\b|\bnext steps?\b/g, ' step '],
  [/\b(quiz|questionnaire|self[ -]?assessment|self[ -]?test)\b/g, ' self check '],
  // The whole country: "in the us", "across the country", "nationwide".
  [/\b(in|across|throughout|around) (the )?(us|usa|u\.s\.|united states|country|nation)\b|\bnation ?wide\b/g, ' national '],
  // An extra credential on top of the CRSS: an endorsement.
  [/\badd[ -]?ons?\b|\bspecialt(y|ies)\b|\bspeciali[sz]ation\b/g, ' endorsement '],
  // Help paying, said in many ways: "no money for the fees", "help with the exam cost", "assistance paying".
  [/\b(do not|dont|don't) have (the |enough |any )?(money|cash|funds)\b|\b(help|assistance|aid|support)\b (paying|to pay|with (the )?(fee|cost|price|pay)\w*|for (the )?(fee|cost)s?)\b|\b(fee|fees|cost|costs|money)\b[^.?!]{0,30}\b(any|some|get|financial) (help|assistance|aid)\b/g, ' feehelp '],
  [/\b(money|funds?|funding|grants?|aid) (to help|for help|to pay|to cover|that helps?|that covers?)\b/g, ' feehelp '],
  // "what's the damage": slang for the price.
  [/\b(whats|what's|what is) the damage\b/g, ' fee '],
  // Living on benefits ("on ssi", "on disability") is a reason to ask for help paying.
  [/\bon (ssi|ssdi|disability|snap|food stamps|welfare|unemployment|public aid|public assistance|a fixed income)\b|\b(help|assistance|aid|support) (for |to |with )?(pay|paying)\b/g, ' feehelp '],
  // "how much do you have to pay", "how much to pay to apply": a price.
  [/\bhow much (?:\w+ ){0,4}pay\b/g, ' fee '],
  // "is it free", "is the training free": asks a price.
  [/\b(is|it|be|are) (it |the \w+ )?free\b/g, ' $& fee '],
  // "how much for the exam", "the exam, how much?": a price, unless a measure follows ("how much supervision").
  [/\bhow much\b(?! (\w+ )?(supervision|supervised|time|training|education|experience|work|ceus?|credits?|hours?|hrs|of|longer|more|less|does (a |an )?\w+ (make|earn)))(?=\s*(for|the|a|an|it|this|that|\?|$|[.!,]))/g, ' fee '],
  // Becoming one, said other ways: "sign up for the crss", "go for my cprs", "pursue the crss".
  [/\b(sign up for|signing up for|go for|going for|pursue|pursuing|work toward|working toward|work towards|working towards) (the |my |a |an )?(?=(crss|cprs|certification|credential|cert))/g, ' become '],
  // A job that is mostly recovery support: the 51 % rule.
  [/\b(majority|most|mostly|half|more than half|percentage|percent of) (of )?(my |the )?(job|duties|work|time|day)\b|%/g, ' percent $& '],
  // Money: "how much is/does/to …" asks a price; "how much supervision" does not.
  [/\bhow much (is|are|does|do|did|was|would|will|to|for|money)\b/g, ' fee '],
  [/\b(can ?not|cant|can't|couldnt) afford\b|\bbroke\b|\bno money\b|\blow income\b|\bfinancial (help|aid|assistance|support)\b|\bhelp (with )?pay(ing)?\b|\bhelp with (the )?(fee|cost)s?\b|\bfee waivers?\b/g, ' feehelp '],

  [/\b(find|get|looking for) (a )?(crss |cprs |peer )?jobs?\b|\bjobs\b|\bhiring\b|\bjob openings?\b/g, ' jobsearch '],
  [/\b(good for|valid for|stay valid|last for)\b/g, ' renewal '],
  [/\b(in recovery for|time in recovery|years? in recovery|years? of recovery|clean time|sober time|sobriety time)\b/g, ' recoverytime '],
  // "who runs / oversees / issues the certification" asks who certifies.
  [/\b(runs?|handles?|oversees?|manages?|issues?|awards?|grants|hands? out|gives? out|provides?|is in charge of|in charge of) (the |my |our |your )?(crss |cprs |peer )?(cert\w*|credential\w*|license\w*)/g, ' certify $3 $4 '],
  // Who signs off the hours is the supervisor.
  [/\bsign(s|ed|ing)? (off )?(on |for )?(my |the |our |your |their |his |her )?(supervision |work )?(hours|hrs|forms?|logs?|timesheets?|paperwork)\b|\bsign(s|ed|ing)? off\b/g, ' supervision $6 '],
  [/\bthe test\b/g, ' exam '],
  // Becoming one: "how can i be a crss", "i wanna be a peer specialist", "what does it take to be a cprs".
  [/\b(?:how (?:do|can|would|could) (?:i|you|someone|one|we|they|people|a person)|want to|trying to|plan(?:ning)? to|hop(?:e|ing) to|interested in|thinking about|thinking of|going to|take to|need to do to|have to do to|order to) (?:be|become|becoming|being) (?=(?:a |an |certified |)(?:crss|cprs|chw|peer|certified|recovery))/g, ' become '],
  [/\bwhat (?:does it|do you|do i|would it|will it) (?:take|need|have to do) to (?:be|become|get)\b/g, ' become requirement '],
  [/\b(prep|prepping|get ready|getting ready|studying)\b/g, ' prepare '],
  // Insurance a peer must carry is liability insurance, not Medicaid paying for services; no entry covers it.
  [/\b(liability|malpractice|professional) insurance\b|\b(need|have|carry|get|buy) (my own |your own |own )?insurance (to|as|for) (be|become|work|practice|do)\b/g, ' liability '],
  // "what's the deal with", "my boss says": chatter around what is asked.
  [/\b(what|whats|what's|what is) the deal (with|w)\b/g, ' what is '],
  [/\b(my|our|a) (boss|supervisor|manager|coworker|co-worker|friend|sponsor|counselor|therapist|case manager) (says|said|told me|tells me|thinks)\b/g, ' '],
  // The exam day's logistics (what to wear or bring, where the testing center is): no entry gives them.
  [/\b(exam|test|testing) (center|centre|site|location|room)s?\b|\bwhat (should|do|can) (i|you|we) (wear|bring)\b|\bbring (notes|a calculator|my notes|a laptop|food|water)\b/g, ' examlogistics '],
  // "will my crss work in chicago": whether the credential is valid somewhere (reciprocity says where).
  [/\b(crss|cprs|cert\w*|credential|license) (work|works|be valid|valid|be good|count|counts|be recogni[sz]ed|recogni[sz]ed) (in|anywhere|everywhere|outside)\b/g, ' $1 reciprocity $3 '],
  // How hard an exam or credential is: no entry says.
  [/\b(harder|easier|more difficult|less difficult|tougher)\b|\bhow (hard|difficult|tough|easy)\b|\b(exam|test|it|one) (is |really )?(hard|difficult|tough|easy)\b/g, ' difficulty '],
  // A waiting list is something no entry gives ("wait" alone is filler: "do you wait for the score").
  [/\bwait(ing)?[ -]?lists?\b/g, ' waitlist '],
  // A pass or success rate (how many pass) is not the pass mark, and no entry gives it.
  [/\b(pass|passing|success|failure) rates?\b/g, ' passrate '],
  [/\bpass(?:ing)? (grade|mark|point|number)\b|\bcut ?off score\b/g, ' exam score '],
  [/\b(reach|get (?:a )?hold of|get in touch with|talk to (?:someone|somebody) at|speak (?:to|with) (?:someone|somebody) at)\b/g, ' contact '],
  [/\b(move|moving|moved|relocate|relocating|relocation|out of state|another state|other states?)\b/g, ' state '],
  [/\b(sit|sits|sitting) (for|in|the|an|a|my)\b/g, ' take $2 '],
  // Opening hours are not the certification's hours: "what hours is the warm line open".
  [/\bhours?\b(?=[^.?!]{0,30}\bopen\b)|\bopen (hours|24)\b/g, ' openhours '],
  // "peer recovery exam / cert" names the Certified Peer Recovery Specialist credential, not peer support in general.
  [/\bpeer recovery (exam|test|cert\w*|credential)\b/g, ' cprs $1 '],
  // Paraphrases of attributes that members say in several words.
  [/\b(send|turn|mail) (in|off) (my |the |an |your )?(app|apps|appl\w*|paperwork|forms?)\b|\bsubmit\b/g, ' apply '],
  [/\bkeep (my |the |it |your )?(cert\w*|credential|license|crss|cprs)? ?(active|current|up to date|valid)\b|\bkeep (it|my cert\w*|the cert\w*)\b|\bkeep (my|your|the) (crss|cprs|credential|license)\b/g, ' renewal $& '],
  [/\b(hours?|hrs?)\b[^.?!]{0,25}\b(work|working|worked|job)\b|\b(work|working|job) (hours?|hrs?)\b/g, ' $& workexperience '],
  [/\b(clean|sober|sobriety)\b/g, ' recoverytime '],
  [/\b(all|every|each|total|whole) (the )?(fee|cost|price)s?\b|\b(fee|cost|price)s? (all )?(together|in total|total)\b/g, ' fee allfees '],
  [/\b(what|how much) (do|will|would|did|does|should) (i|you|we|one) (have to |need to |gotta )?pay\b/g, ' fee '],
  [/\bliving rooms?\b/g, ' livingroom '],
  [/\bmobile crisis\b/g, ' mobilecrisis '],
  [/\bcode of ethics\b/g, ' ethics code '],
  [/\bhigh school\b/g, ' highschool '],
  [/\bwork experience\b/g, ' workexperience '],
  // Government bodies described rather than named: "the state health department", "the human services department".
  [/\b(state |illinois )?(public )?health (department|dept)\b|\bdepartment of (public )?health\b/g, ' idph '],
  [/\b(state |illinois )?human services (department|dept|agency)\b/g, ' idhs '],
  [/\b(someone|somebody|anyone|anybody|who|person|people) (at|from) the state\b|\bthe state (office|agency|department)\b/g, ' $1 idhs '],
  [/\b(national|international) (credentialing|certification|certifying) (body|board|organi[sz]ation)\b/g, ' icrc national '],
  // A credential that runs out is one to renew; a "cycle" is the two-year renewal period.
  [/\b(runs?|running|ran|run) out\b|\bruns? its course\b/g, ' expire '],
  // "the state" that runs trainings or answers email is the state's human services department, not another state.
  // ("in / across / anywhere in the state" is a place: whether the credential is valid there.)
  [/(?<!\b(in|across|throughout|within|around|outside|over|anywhere in|everywhere in|all over) )\bthe state\b(?! (line|of|you|i|we|they))/g, ' idhs '],
  // "just need to talk, it isn't an emergency": the warm line.
  [/\btalk\b[^.?!]{0,40}\b(not|isnt|is not) (a |an |in )?(crisis|emergency)\b/g, ' $& warmline '],
  [/\bpicks? up\b/g, ' answer '],
  // "state" as an adjective ("a free state training", "state funding") is the state's human services department.
  [/\bstate[- ](training|trainings|program|programs|agency|department|office|run|funded|funding|grant|grants)\b/g, ' idhs $1 '],
  // The exam's result given at once: "score right away", "results the same day".
  [/\b(right away|immediately|instantly|same day|on the spot)\b/g, ' immediately '],
  // A condition already met says nothing about what is asked: "if i pass can i take it to another state".
  [/\b(if|once|after|when) (i|you|we|they|he|she) (pass|passed|get certified|am certified|are certified|get it|got it|have it)\b/g, ' '],
  // How many questions the exam has ("how many questions", "100 multiple-choice questions", "# of questions").
  [/\b(how many|number of|\d+|multiple[- ]choice) questions\b/g, ' $1 itemcount '],
  // Time long past: "a decade ago", "too stale", "outdated" (how old training may be).
  [/\b(a |one |two |over a |more than a )?decades? ago\b/g, ' years ago '],
  // Money one cannot find: "can't cover the costs", "unable to pay".
  [/\b(can ?not|cant|can't|unable to|could not|couldnt|not able to) (cover|pay for|pay|swing|manage)\b/g, ' feehelp '],
  // A relative's substance use is the family pathway of the CPRS.
  [/\b(family|son|daughter|kid|child|husband|wife|partner|brother|sister|mom|mother|dad|father|parent|loved one)s? (who |whose \w+ )?(uses|is using|used|drinks|drank|is addicted|was addicted|struggles?|struggled|has an addiction|had an addiction|had (a )?problem)\b/g, ' $1 family substance use '],
  [/\b(most|majority|more than half|half) of (what|the work|the things|the stuff) (i|you|we|they|he|she) (do|does|did)\b/g, ' percent job duties '],
  // "the crss experience requirement", "experience hours": the work experience (lived experience is its own entry).
  [/(?<!lived )\bexperience (requirement|requirements|hours?|hrs)\b/g, ' workexperience $1 '],
  [/\b(unpaid|volunteering|volunteered|volunteers)\b/g, ' volunteer '],
  [/\bpublic act\b/g, ' publicact '],
  [/\bcrss success\b/g, ' crsssuccess '],
  [/\bsuccess program\b/g, ' crsssuccess '],
];

/** One word → its canonical form (or several). Abbreviations, common typos and plain synonyms. */
const TERMS: Record<string, string | string[]> = {
  // credentials and bodies
  crs: 'crss', crrs: 'crss', csrs: 'crss', crsss: 'crss', cers: 'crss', criss: 'crss',
  cprss: 'cprs', cpsr: 'cprs', cprz: 'cprs', cpr: 'cprs', cps: 'cprs',
  chws: 'chw', iaodapca: 'icb', dhs: 'idhs', ihds: 'idhs', idph: 'idph', hfs: 'hfs', icrc: 'icrc',
  // hours and supervision
  hrs: 'hour', hr: 'hour', hrz: 'hour', hous: 'hour', ours: 'hour',
  supervising: 'supervision', supervise: 'supervision', supervises: 'supervision', sup: 'supervision', supe: 'supervision', supervisor: 'supervision', supervised: 'supervision', supervisions: 'supervision', suppervision: 'supervision',
  // exam
  test: 'exam', tests: 'exam', exm: 'exam', tst: 'exam', tet: 'exam', exan: 'exam', tset: 'exam', tets: 'exam', tesst: 'exam', testing: 'exam', exams: 'exam', examination: 'exam', exma: 'exam', eaxm: 'exam', pass: 'exam', passing: 'exam', passed: 'exam', score: 'exam', scores: 'exam',
  // money
  cost: 'fee', costs: 'fee', price: 'fee', prices: 'fee', fees: 'fee', charge: 'fee', expensive: 'fee', money: 'pay', dollars: 'fee', afford: 'fee',
  // renewal and CEUs
  renwal: 'renewal', renewl: 'renewal', renewel: 'renewal', reneval: 'renewal', renual: 'renewal', renw: 'renewal', valid: 'renewal',
  dui: 'background', duis: 'background', dwi: 'background', jail: 'background', prison: 'background', probation: 'background', parole: 'background',
  workshop: 'training', workshops: 'training', seminar: 'training', seminars: 'training', webinar: 'training', webinars: 'training',
  felony: 'background', felonies: 'background', felon: 'background', conviction: 'background', convictions: 'background', convicted: 'background', criminal: 'background', record: 'background', records: 'background', arrest: 'background',
  // family: the CPRS counts recovery "as a family member or significant other"
  son: 'family', daughter: 'family', sons: 'family', daughters: 'family', kid: 'family', kids: 'family', child: 'family', children: 'family',
  spouse: 'family', wife: 'family', husband: 'family', partner: 'family', mom: 'family', mother: 'family', dad: 'family', father: 'family',
  parent: 'family', parents: 'family', brother: 'family', sister: 'family', sibling: 'family', relative: 'family', relatives: 'family',
  spend: 'fee', bucks: 'fee', pricey: 'fee', cheap: 'fee', costly: 'fee', tuition: 'fee',
  grade: 'score', grades: 'score', mark: 'score', marks: 'score', located: 'address', location: 'address', office: 'address', website: 'contact', emails: 'email',
  fe: 'fee', fess: 'fee', fea: 'fee', scholarships: 'scholarship', waiver: 'feehelp',
  renew: 'renewal', renewing: 'renewal', renewed: 'renewal', recertify: 'renewal', recertification: 'renewal', expire: 'renewal', expires: 'renewal', expiration: 'renewal', expired: 'renewal', lapse: 'renewal',
  ceus: 'ceu', ceu: 'ceu', ce: 'ceu', cea: 'ceu', credits: 'ceu',
  // education
  degree: 'degree', degrees: 'degree', bachelors: 'degree', associates: 'degree', diploma: 'highschool', ged: 'highschool', hs: 'highschool',
  training: 'training', trainings: 'training', class: 'training', classes: 'training', course: 'training', courses: 'training',
  // applying
  app: 'apply', apps: 'apply', applicaton: 'apply', aplication: 'apply', paperwork: 'apply', submitted: 'apply',
  apply: 'apply', applying: 'apply', application: 'apply', applications: 'apply', applied: 'apply', certemy: 'portal',
  begin: 'start', beginning: 'start', started: 'start', starting: 'start', steps: 'step', roadmap: 'step', process: 'process',
  become: 'become', becoming: 'become', get: 'become', getting: 'become', obtain: 'become', earn: 'become',
  // Spanish-influenced English: "requisites", "is necessary a degree", "the formation", "inscription"
  requisite: 'requirement', requisites: 'requirement', necessary: 'requirement', mandatory: 'requirement', obligatory: 'requirement',
  formation: 'training', capacitation: 'training', inscription: 'apply', inscribe: 'apply', matriculate: 'apply',
  requirements: 'requirement', required: 'requirement', require: 'requirement', requirments: 'requirement', qualify: 'eligible', qualifications: 'eligible', eligibility: 'eligible', eligable: 'eligible',
  // medicaid and money for services
  medicaid: 'medicaid', medicade: 'medicaid', medicad: 'medicaid', billing: 'bill', billable: 'bill', reimburse: 'bill', reimbursement: 'bill', reimbursed: 'bill', insurance: 'medicaid',
  yrs: 'year', yr: 'year', years: 'year',
  // languages: no entry says which languages the exam or the lines offer, so such a question is never answered from a neighbour
  spanish: 'language', espanol: 'language', english: 'language', polish: 'language', arabic: 'language', chinese: 'language', languages: 'language', bilingual: 'language', interpreter: 'language', translated: 'language', translation: 'language',
  // crisis services
  phone: 'number', telephone: 'number', hotline: 'number',
  // misc typos and chat spelling
  credentials: 'credential', certfication: 'certification', certifcation: 'certification', certificaton: 'certification', cert: 'certification', certs: 'certification', certified: 'certification', certify: 'certify', certifies: 'certify', certifying: 'certify', crdential: 'credential', credental: 'credential',
  reciprocal: 'reciprocity', transfer: 'reciprocity', transferable: 'reciprocity', states: 'state',
  differnce: 'difference', diffrence: 'difference', different: 'difference', vs: 'difference', versus: 'difference', compare: 'difference', comparison: 'difference',
  university: 'college', universities: 'college', topics: 'domain', topic: 'domain', subjects: 'domain',
  promotora: 'chw', promotoras: 'chw', promotor: 'chw', promotores: 'chw', possession: 'background', offense: 'background', offenses: 'background',
  two: '2', three: '3', four: '4', five: '5', six: '6', ten: '10',
  expunge: 'expunge', expunged: 'expunge', expungement: 'expunge', expunging: 'expunge', sealed: 'expunge', sealing: 'expunge', pardon: 'expunge', pardoned: 'expunge', clemency: 'expunge',
  weekend: 'openhours', weekends: 'openhours', saturday: 'openhours', saturdays: 'openhours', sunday: 'openhours', sundays: 'openhours', weekday: 'openhours', weekdays: 'openhours', overnight: 'openhours',
  recognized: 'reciprocity', recognised: 'reciprocity', honored: 'reciprocity', honoured: 'reciprocity',
  refund: 'refund', refunds: 'refund', refundable: 'refund', refunded: 'refund', nonrefundable: 'refund',
  lapsed: 'renewal', lapses: 'renewal', lapsing: 'renewal', cheapest: 'fee', cheaper: 'fee', tips: 'study', tip: 'study', pointers: 'study', advice: 'study',
  certificate: 'certification', certificates: 'certification', wear: 'examlogistics', wearing: 'examlogistics', calculator: 'examlogistics', laptop: 'examlogistics', arrive: 'examlogistics', arrival: 'examlogistics', parking: 'examlogistics',
  ethical: 'ethic', ethically: 'ethic',
  conduct: 'ethic', behavior: 'ethic', behaviour: 'ethic', pledge: 'agree', promise: 'agree', promises: 'agree',
  cycle: 'renewal', cycles: 'renewal', period: 'renewal', stale: 'old', outdated: 'old', ancient: 'old',
  floor: 'minimum', minimums: 'minimum', least: 'minimum',
  nocost: 'free', costless: 'free', complimentary: 'free',
  drugs: 'substance', drug: 'substance', alcohol: 'substance', pills: 'substance', addiction: 'substance', addicted: 'substance',
  grants: 'grant', fund: 'pay', funds: 'pay', funding: 'pay', funded: 'pay', pays: 'pay', paid: 'pay', paying: 'pay', payment: 'pay',
};

const STOP = new Set(
  (
    'a an the and or but of to in on at for from by with about as into over under is are was were be been being am ' +
    'do does did doing done have has had having i me my mine im ive id we us our you your u ur yo he she they them it its ' +
    'this that these those there here what whats wat wut how who whom which where when why will would can could should ' +
    'shall may might must gets got need needs needed want wanna know tell please pls plz hi hey hello thanks thank ' +
    'if then so just also still any some all each every one ok okay like really very much many more most s t d ll re ve m ' +
    'someone anyone something anything yes no not dont doesnt cant isnt arent whats hows wheres whos ' +
    'find look looking see show give go going use way ways thing things good stand mean means meaning time long soon exactly actually right illinois il ' +
    // chatter around a question: "hi! quick question, …", "sorry to bother", "thanks in advance"
    'quick question questions sorry bother wondering wonder curious guys folks everyone yall hiya morning afternoon evening ask asking advance ' +
    'um uh hmm btw anyway real fast ' +
    // filler a member adds around the question ("total newbie here", "start to finish", "heard it was … lol"): words
    // found in no entry weigh the most, so left in they turn a clear question into a "not sure"
    'even whole entire total newbie noob here lol lmao haha omg idk tbh imo fyi heard hear told say said saying ' +
    'guess think thought maybe probably basically literally honestly totally seriously kinda sorta gonna gotta ' +
    'stuff lot lots bit little pretty quite super rundown info details detail explain everything somebody anybody ' +
    'january february march april june july august september october november december ' +
    'everybody ppl guy dude yeah yep nope oh wow finish exactly meant supposed possible able ' +
    // the people a leader asks for ("my client needs …"): who asks, not what is asked
    'their theirs his her hers him whose based breakdown split splits divided logged tracked recorded ' +
    'team teams til till until em enough up couple now new later once allowed asked asks wait waiting provide staff mentee mentees candidate candidates hire hires employee employees flyer newsletter handout ' +
    'rough ' +
    // places in Illinois (a member's town says nothing about the question; other states are read in analyze.ts)
    'chicago cicero wheaton naperville aurora joliet rockford elgin peoria springfield evanston waukegan schaumburg skokie ' +
    'oak park berwyn bolingbrook champaign urbana decatur bloomington normal carbondale suburbs downstate chicagoland ' +
    'client clients participant participants patient patients consumer consumers supervisee supervisees friend friends coworker coworkers'
  ).split(' '),
);

/** US states other than Illinois: a named place (analyze.ts reads it as reciprocity only beside a word about moving or
 * using the credential there; "the requirements in Wisconsin" are another state's, which no entry gives). */
const STATES =
  'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho indiana iowa kansas ' +
  'kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio ' +
  'oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming';
for (const st of STATES.split(' ')) TERMS[st] = 'namedstate';

/**
 * Words nearly every entry shares. They still rank, but count little toward confidence, so that
 * "what is the best peer pizza" is not answered just because it says "peer".
 */
export const COMMON_DOMAIN_TERMS = new Set(['peer', 'specialist', 'support', 'recovery', 'certification', 'credential', 'become']);

/** Lowercases, folds curly quotes and accents, and applies the phrase rewrites. */
export function normalizeText(text: string): string {
  let s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/'(s|re|ve|ll|d|m|t)\b/g, '$1');
  s = plainEnglish(s);
  for (const [re, to] of PHRASES) s = s.replace(re, to);
  return s;
}

const stem = (t: string): string =>
  t.length > 4 && t.endsWith('s') && !/(ss|us|is)$/.test(t) ? t.slice(0, -1) : t;

/** minisearch's processTerm: one raw word → its canonical term(s), or null to drop it. */
export function processTerm(raw: string): string | string[] | null {
  const t = raw.toLowerCase().replace(/^'+|'+$/g, '');
  if (!t || STOP.has(t)) return null;
  if (t.length < 2 && !/\d/.test(t)) return null;
  const mapped = TERMS[t];
  if (mapped !== undefined) return mapped;
  // "charges" → "charge" → fee: the table is consulted again after the plural is taken off.
  const stemmed = stem(t);
  return TERMS[stemmed] ?? stemmed;
}

/** The canonical terms of a text, in order (used for credential detection and confidence). */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const word of normalizeText(text).split(/[^\p{L}\p{N}']+/u)) {
    const p = word ? processTerm(word) : null;
    if (p) out.push(...(Array.isArray(p) ? p : [p]));
  }
  return out;
}
