"""Vocabulary for the synthetic internbudget generator (standard library only).

Everything here is invented but written the way Swedish municipal internbudgets
are: committee names, their operating lines, change rows, investment projects,
goals and indicators. Indicator entries are (text, value type); the value
types are turned into printed cells by generate.py.
"""

# Municipalities that print themselves as "X stad" / "X Stad".
STAD = {
    "Stockholm": "Stockholms stad",
    "Göteborg": "Göteborgs Stad",
    "Malmö": "Malmö stad",
    "Västerås": "Västerås stad",
    "Borås": "Borås Stad",
    "Solna": "Solna stad",
    "Sundbyberg": "Sundbybergs stad",
    "Lidingö": "Lidingö stad",
    "Vaxholm": "Vaxholms stad",
    "Landskrona": "Landskrona stad",
    "Trollhättan": "Trollhättans stad",
    "Helsingborg": "Helsingborgs stad",
    "Mölndal": "Mölndals stad",
    "Haparanda": "Haparanda stad",
}

# Fallback when ../shared/data/municipalities.csv is not there.
FALLBACK_MUNICIPALITIES = [
    ("0180", "Stockholm"), ("1480", "Göteborg"), ("1280", "Malmö"), ("0580", "Linköping"),
    ("0980", "Gotland"), ("1490", "Borås"), ("0380", "Uppsala"), ("2480", "Umeå"),
    ("0683", "Värnamo"), ("1880", "Örebro"), ("0765", "Älmhult"), ("2584", "Kiruna"),
]

COMMITTEES = {
    "Barn- och ungdomsnämnden": {
        "short": "BUN",
        "scale": (900_000, 2_400_000),
        "lines": ["Nämnd och förvaltningsledning", "Förskola", "Pedagogisk omsorg", "Grundskola F–6",
                  "Grundskola 7–9", "Fritidshem", "Anpassad grundskola", "Elevhälsa",
                  "Skolskjuts", "Modersmålsundervisning", "Kulturskola",
                  "Interkommunala ersättningar och fristående skolor"],
        "changes": ["Volymökning förskola", "Volymökning grundskola", "Effektiviseringskrav 1 %",
                    "Kompensation för ökade lokalkostnader", "Minskat statsbidrag för mindre barngrupper",
                    "Satsning på läsfrämjande insatser", "Utökad elevhälsa", "Ramjustering skolskjuts",
                    "Tillfällig förstärkning av resursfördelning till skolor med särskilda behov",
                    "Flytt av kulturskolan från kultur- och fritidsnämnden"],
        "projects": ["Inventarier förskola", "Inventarier grundskola", "IT-utrustning elever (1:1)",
                     "Utemiljö förskolor", "Ny förskola Norra", "Möbler och inredning nya skolan",
                     "Lekutrustning skolgårdar", "Digitala lärverktyg"],
        "volumes": ["Antal barn i förskola", "Antal elever i grundskola", "Antal elever i fritidshem",
                    "Antal elever i anpassad grundskola"],
    },
    "Kultur- och fritidsnämnden": {
        "short": "KFN",
        "scale": (60_000, 320_000),
        "lines": ["Nämnd och administration", "Bibliotek", "Allmänkultur", "Kulturarv och museum",
                  "Fritidsgårdar och mötesplatser", "Idrottsanläggningar", "Föreningsbidrag",
                  "Bad och simhallar", "Evenemang", "Friluftsliv"],
        "changes": ["Driftkostnad ny sporthall", "Minskade hyresintäkter", "Effektivisering 1,5 %",
                    "Utökat föreningsstöd", "Satsning på sommarlovsaktiviteter",
                    "Meröppet bibliotek", "Kapitaltjänst konstgräsplan",
                    "Flytt av kulturskolan till barn- och ungdomsnämnden"],
        "projects": ["Konstgräsplan Västra", "Inventarier bibliotek", "Upprustning motionsspår",
                     "Konstnärlig utsmyckning", "Ny utrustning badhus", "Skatepark",
                     "Belysning elljusspår"],
        "volumes": ["Antal besök bibliotek", "Antal utlån", "Antal besök simhall",
                    "Antal bidragsberättigade föreningar"],
    },
    "Socialnämnden": {
        "short": "SN",
        "scale": (400_000, 1_900_000),
        "lines": ["Nämnd och ledning", "Individ- och familjeomsorg", "Ekonomiskt bistånd",
                  "Missbruks- och beroendevård", "Barn och unga", "Familjehemsvård",
                  "Funktionsstöd LSS", "Personlig assistans", "Socialpsykiatri",
                  "Boende med särskild service", "Myndighetsutövning", "Flyktingmottagande"],
        "changes": ["Volymökning LSS-boenden", "Ökade kostnader för placeringar",
                    "Kostnadsdämpande åtgärder", "Tillfällig förstärkning ekonomiskt bistånd",
                    "Utökad öppenvård för barn och unga", "Minskad schablonersättning",
                    "Effektivisering hemtjänst", "Heltidsresan", "Flytt av stödboende för ungdomar"],
        "projects": ["Inventarier gruppbostäder", "Välfärdsteknik", "Ny gruppbostad LSS",
                     "Trygghetslarm digitala", "Möbler korttidsboende", "Fordon hemtjänst"],
        "volumes": ["Antal hushåll med ekonomiskt bistånd", "Antal placerade barn och unga",
                    "Antal beslut om personlig assistans", "Antal boendeplatser LSS"],
    },
    "Tekniska nämnden": {
        "short": "TN",
        "scale": (120_000, 600_000),
        "lines": ["Nämnd och administration", "Gator och vägar", "Vinterväghållning", "Gatubelysning",
                  "Parker och grönområden", "Trafik och parkering", "Kollektivtrafik",
                  "Fastighetsförvaltning", "Avfall och återvinning", "Hamn och farleder",
                  "Måltidsverksamhet", "Lokalvård"],
        "changes": ["Ökade kapitaltjänstkostnader", "Indexuppräkning entreprenadavtal",
                    "Ökade energikostnader", "Effektiviseringskrav", "Utökad drift nya parker",
                    "Höjda parkeringsavgifter", "Minskad vinterväghållning", "Trafiksäkerhetssatsning"],
        "projects": ["Reinvestering gator", "Gång- och cykelvägar", "Gatubelysning LED",
                     "Trafiksäkerhetsåtgärder", "Lekplatser", "Kajrenovering", "Fordon och maskiner",
                     "Energieffektivisering kommunala fastigheter", "Dagvattenanläggningar",
                     "Ny återvinningscentral", "Upprustning stadsparken", "Broar och tunnlar",
                     "Tillgänglighetsanpassning busshållplatser"],
        "volumes": ["Antal km kommunal väg", "Antal belysningspunkter", "Antal lekplatser",
                    "Antal portioner per dag"],
    },
    "Kommunstyrelsen": {
        "short": "KS",
        "scale": (150_000, 900_000),
        "lines": ["Kommunfullmäktige och revision", "Kommunstyrelsen", "Kommunledningskontor",
                  "Ekonomiavdelning", "HR-avdelning", "Digitalisering och IT", "Kommunikation",
                  "Näringsliv och turism", "Räddningstjänst", "Överförmyndare",
                  "Samhällsplanering", "Krisberedskap och säkerhet", "Kommunstyrelsens förfogande"],
        "changes": ["Utökad IT-säkerhet", "Valnämnd valår", "Effektivisering administration",
                    "Lönekompensation", "Näringslivsstrategi", "Ny e-arkivlösning",
                    "Minskat anslag kommunstyrelsens förfogande", "Samordnad varudistribution"],
        "projects": ["IT-infrastruktur", "E-arkiv", "Räddningsfordon", "Kontorsinventarier",
                     "Exploatering Södra stadsdelen", "Markförvärv", "Verksamhetssystem ekonomi",
                     "Brandstation ombyggnad"],
        "volumes": ["Antal årsarbetare", "Antal ärenden i kommunstyrelsen", "Antal räddningsinsatser"],
    },
    "Vård- och omsorgsnämnden": {
        "short": "VON",
        "scale": (600_000, 2_000_000),
        "lines": ["Nämnd och ledning", "Hemtjänst", "Särskilt boende", "Hemsjukvård",
                  "Korttidsvård", "Dagverksamhet", "Biståndshandläggning", "Rehabilitering",
                  "Anhörigstöd", "Färdtjänst"],
        "changes": ["Demografisk volymökning", "Nytt särskilt boende", "Heltid som norm",
                    "Effektivisering hemtjänst", "Välfärdsteknik", "Ökade kostnader för bemanning",
                    "Flytt av färdtjänst till tekniska nämnden"],
        "projects": ["Inventarier särskilt boende", "Välfärdsteknik", "Larmsystem",
                     "Sängar och hjälpmedel", "Fordon hemtjänst"],
        "volumes": ["Antal platser särskilt boende", "Antal hemtjänsttimmar per månad",
                    "Antal brukare med hemtjänst"],
    },
    "Miljö- och byggnadsnämnden": {
        "short": "MBN",
        "scale": (15_000, 80_000),
        "lines": ["Nämnd och administration", "Bygglov", "Miljö- och hälsoskydd", "Livsmedelskontroll",
                  "Planverksamhet", "Lantmäteri", "Kart och GIS", "Naturvård"],
        "changes": ["Ökade taxeintäkter", "Digitalisering bygglovsprocessen", "Naturvårdsprojekt",
                    "Effektivisering", "Förstärkt tillsyn förorenad mark"],
        "projects": ["Mätutrustning", "Verksamhetssystem bygglov", "Flygfotografering",
                     "Inventarier"],
        "volumes": ["Antal bygglovsärenden", "Antal inspektioner livsmedel", "Antal detaljplaner"],
    },
    "Gymnasie- och vuxenutbildningsnämnden": {
        "short": "GVN",
        "scale": (250_000, 900_000),
        "lines": ["Nämnd och förvaltning", "Gymnasieskola", "Gymnasiesärskola",
                  "Interkommunala ersättningar gymnasiet", "Kommunal vuxenutbildning",
                  "Svenska för invandrare", "Yrkesvux", "Studie- och yrkesvägledning",
                  "Kommunala aktivitetsansvaret"],
        "changes": ["Volymökning gymnasieelever", "Minskat statsbidrag yrkesvux",
                    "Utökad SFI", "Effektiviseringskrav 1 %", "Ökade interkommunala kostnader",
                    "Satsning på lärlingsutbildning"],
        "projects": ["Inventarier gymnasieskolan", "Utrustning fordonsprogrammet", "IT-utrustning",
                     "Laboratorieutrustning", "Möbler och inredning"],
        "volumes": ["Antal gymnasieelever", "Antal elever i vuxenutbildning", "Antal elever SFI"],
    },
}

# Goal areas and the municipal goals under them, in three municipal styles.
GOAL_SCHEMES = [
    {
        "Samhälle": ["Ett attraktivt och tryggt samhälle", "En klimatsmart kommun",
                     "Ett företagsamt näringsliv"],
        "Medborgare": ["Välfärdstjänster med hög kvalitet, tillgänglighet och individen i centrum",
                       "Stark gemenskap och människor i arbete", "Hög kunskap med skolor i framkant"],
        "Ekonomi": ["Kostnadseffektiv verksamhet", "Hållbar ekonomi"],
        "Verksamhet": ["Effektiv organisation med goda resultat", "Hållbar verksamhetsutveckling"],
        "Medarbetare": ["Attraktiv arbetsgivare", "Hållbar kompetensförsörjning"],
    },
    {
        "Livskvalitet och trygghet": ["Invånarna känner sig trygga i hela kommunen",
                                      "Alla har möjlighet till en meningsfull fritid"],
        "Hållbar tillväxt": ["Kommunen ska minska sin klimatpåverkan",
                             "Fler ska gå från bidrag till arbete"],
        "Ekonomi i balans": ["Ekonomin ska vara långsiktigt hållbar"],
        "Attraktiv arbetsgivare": ["Medarbetarna trivs och utvecklas",
                                   "Kommunen attraherar och behåller kompetens"],
    },
    {
        "Barn och unga": ["Alla barn och unga ges goda förutsättningar",
                          "Fler elever ska nå kunskapsmålen"],
        "Hållbar utveckling": ["En kommun i balans mellan stad och land"],
        "Service och bemötande": ["Invånarna möts av god service och gott bemötande"],
        "Ekonomi": ["God ekonomisk hushållning"],
        "Medarbetare": ["Hållbart arbetsliv"],
    },
]

# Value types: pct, count, days, index, text, group, dev, share, grade, minutes
COMMITTEE_GOALS = {
    "Barn- och ungdomsnämnden": [
        ("Alla elever ska ges förutsättningar att nå kunskapskraven.", [
            ("Andel elever i årskurs 9 som är behöriga till yrkesprogram, %", "pct"),
            ("Genomsnittligt meritvärde i årskurs 9 (17 ämnen)", "grade"),
            ("Andel elever i årskurs 6 med lägst betyget E i matematik, %", "pct"),
            ("Andel elever som uppnått kunskapskraven i alla ämnen, årskurs 9", "pct_sub_fp"),
        ]),
        ("Förskolan ska erbjuda en trygg och lärande miljö med små barngrupper.", [
            ("Genomsnittligt antal barn per barngrupp i förskolan", "count_small"),
            ("Andel legitimerade förskollärare, %", "pct"),
            ("Andel vårdnadshavare som är nöjda med förskolan", "pct"),
        ]),
        ("Eleverna känner sig trygga i skolan.", [
            ("Andel elever i årskurs 5 som känner sig trygga i skolan", "pct"),
            ("Andel elever i årskurs 8 som känner sig trygga i skolan", "pct"),
        ]),
    ],
    "Kultur- och fritidsnämnden": [
        ("Fler invånare ska ta del av kulturlivet.", [
            ("Antal besök på kommunens bibliotek per invånare", "ratio"),
            ("Antal deltagare i kulturskolans verksamhet", "count"),
            ("Andel barn och unga som deltar i lovaktiviteter, %", "pct"),
        ]),
        ("Barn och unga ska ha tillgång till en aktiv och meningsfull fritid.", [
            ("Antal deltagartillfällen i föreningslivet, 7–20 år", "count"),
            ("Andel unga som besöker fritidsgård minst en gång i månaden", "pct_sub"),
        ]),
        ("Anläggningarna ska vara tillgängliga och väl nyttjade.", [
            ("Beläggningsgrad i idrottshallar under kvällstid, %", "pct"),
            ("Nöjd-Medborgar-Index, fritid", "index"),
        ]),
    ],
    "Socialnämnden": [
        ("Fler ska bli självförsörjande.", [
            ("Antal hushåll med ekonomiskt bistånd, utfall slutet av verksamhetsår.", "count"),
            ("Antal hushåll med långvarigt behov av ekonomiskt bistånd (> 2 år)", "count"),
            ("Andel av befolkningen som under året haft behov av ekonomiskt bistånd.", "pct"),
        ]),
        ("Professionellt bemötande och hög tillgänglighet.", [
            ("Väntetid i antal dagar från första ansökan till beslut inom ekonomiskt bistånd (medelvärde).", "days"),
            ("Skillnader i hur kvinnor och män har svarat på frågan om bemötande i brukarundersökningen.", "text"),
            ("Andel positiva svar i brukarenkät.", "pct"),
        ]),
        ("Kostnadseffektiva insatser. Arbeta med metoder som ger störst nytta för insatta medel.", [
            ("Antalet deltagare som slussas ut till arbete eller studier per miljon kronor", "group"),
            ("Andel placeringar i egen regi, %", "pct"),
        ]),
    ],
    "Tekniska nämnden": [
        ("Trafiksystemet ska vara säkert och tillgängligt.", [
            ("Antal gång- och cykelolyckor med personskada", "count_small"),
            ("Andel av cykelvägnätet som är separerat från biltrafik, %", "pct"),
            ("Medborgarnas nöjdhet med gator och vägar (NMI)", "index"),
        ]),
        ("Kommunens klimatpåverkan ska minska.", [
            ("Energianvändning i kommunala lokaler, kWh per kvm", "count"),
            ("Andel fossilfria fordon i kommunens fordonsflotta, %", "pct"),
            ("Andel hushållsavfall som återvinns, %", "pct"),
        ]),
        ("Måltiderna ska vara goda, näringsriktiga och hållbara.", [
            ("Andel ekologiska livsmedel, %", "pct"),
            ("Matsvinn i gram per portion", "count_small"),
        ]),
    ],
    "Kommunstyrelsen": [
        ("Kommunen ska ha ett gott näringslivsklimat.", [
            ("Sammanfattande omdöme näringslivsklimat (Svenskt Näringsliv)", "grade"),
            ("Antal nystartade företag per 1 000 invånare", "ratio"),
            ("Handläggningstid för serveringstillstånd, dagar", "days"),
        ]),
        ("Invånarna ska ha god tillgång till digitala tjänster.", [
            ("Antal e-tjänster", "count"),
            ("Andel ärenden som inleds digitalt, %", "pct"),
            ("Svarstid e-post inom en arbetsdag, %", "pct"),
        ]),
        ("Kommunen ska vara robust vid kriser.", [
            ("Insatstid räddningstjänst, minuter (median)", "minutes"),
            ("Andel genomförda krisövningar enligt plan", "pct"),
        ]),
    ],
    "Vård- och omsorgsnämnden": [
        ("Äldre ska kunna leva ett självständigt liv med god kvalitet.", [
            ("Antal olika personal som besöker en hemtjänsttagare under 14 dagar", "count_small"),
            ("Andel brukare som är nöjda med hemtjänsten, %", "pct"),
            ("Väntetid till särskilt boende, dagar (medelvärde)", "days"),
        ]),
        ("Vården ska vara säker och trygg.", [
            ("Andel brukare med genomförd riskbedömning för fall, %", "pct"),
            ("Antal avvikelser läkemedelshantering", "count"),
        ]),
    ],
    "Miljö- och byggnadsnämnden": [
        ("Handläggningen ska vara rättssäker och effektiv.", [
            ("Handläggningstid bygglov, veckor (median)", "count_small"),
            ("Andel bygglovsärenden som avgörs inom lagstadgad tid, %", "pct"),
            ("Nöjd-Kund-Index företagare, myndighetsutövning", "index"),
        ]),
        ("Miljön ska vara god och hälsosam.", [
            ("Andel genomförda planerade livsmedelskontroller, %", "pct"),
            ("Antal åtgärdade enskilda avlopp", "count"),
        ]),
    ],
    "Gymnasie- och vuxenutbildningsnämnden": [
        ("Fler elever ska fullfölja sin utbildning.", [
            ("Andel elever med examen inom tre år, %", "pct_sub"),
            ("Genomsnittlig betygspoäng för elever med examen", "grade"),
        ]),
        ("Vuxenutbildningen ska leda till arbete eller studier.", [
            ("Andel elever i yrkesvux som har arbete eller studerar ett år efter avslutad utbildning", "pct"),
            ("Andel elever som klarar SFI kurs D", "pct"),
            ("Antal deltagare per miljon kronor", "group"),
        ]),
    ],
}

# Shared goals in the economy and staff areas (any committee).
ECONOMY_GOALS = [
    ("God ekonomisk styrning", [
        ("Avvikelse från budget, i %.", "dev"),
        ("Träffsäkerhet i ekonomiprognos. Avvikelse per sista augusti jämfört med årsbokslut.", "prognos"),
    ]),
    ("E-handelstrohet. Inköp ska följa kommunens inköpspolicy och regler.", [
        ("E-handelstrohet, i %.", "pct"),
        ("Avtalstrohet, i %.", "pct"),
    ]),
    ("Effektivt lokalutnyttjande. Lokalplanering som leder till kostnadseffektivt nyttjande.", [
        ("Lokalernas andel av totala kostnaden", "share"),
    ]),
]
STAFF_GOALS = [
    ("Goda arbetsplatser<br>Varje medarbetare känner arbetsglädje och stolthet samt har inflytande och möjlighet att utvecklas.", [
        ("Total sjukfrånvaro, %", "sick_sub"),
        ("Andel heltidsanställningar, %", "full_sub"),
        ("Hållbart medarbetarengagemang (HME)", "hme"),
        ("Attraktiv arbetsgivarindex (AVI)", "index"),
    ]),
    ("Hållbart chef- och ledarskap", [
        ("Chefsavgångar (andel tillsvidare chefer som har slutat), %", "pct_small_sub"),
        ("Chefindex", "index"),
    ]),
    ("Nya vägar för kompetensförsörjning", [
        ("Avgångsålder pension", "age"),
        ("Antal arbetsmarknadsplatser", "count_small"),
    ]),
]

FRAME_DATES = ["den 13 juni {y}", "den 20 juni {y}", "den 28 november {y}", "den 12 december {y}",
               "den 4 december {y}", "den 29 september {y}", "den 19 juni {y}"]

ADJUSTMENTS = [
    "Teknisk justering lokalhyror", "Flytt av ram för IT-förvaltning från kommunstyrelsen",
    "Kompensation för kapitalkostnader", "Ramjustering löneöversyn",
    "Flytt av ram för måltidsverksamhet", "Justering för ändrad internränta",
    "Kompensation för ökade pensionskostnader", "Flytt av ram för lokalvård till tekniska nämnden",
]

PROSE = [
    "{muni} ska erbjuda välfärd av hög kvalitet till invånarna, och nämndens internbudget anger riktning och förutsättningar för verksamheten under budgetperioden.",
    "Kommunfullmäktige beslutade i juni om budget med ekonomiska ramar för nämnderna. Nämnden ska genom sitt basuppdrag bidra till utvecklingen inom kommunfullmäktiges mål.",
    "Varje generation ska bära sina kostnader, vilket kräver stort ansvarstagande och god budgetdisciplin. Alla verksamheter ska drivas på ett ändamålsenligt och kostnadseffektivt sätt.",
    "Budgetprocessen är förändringsinriktad och fokuserar på vad som ska förändras i verksamheten under budgetperioden.",
    "Nämndens största utmaningar de kommande åren är kostnadsutvecklingen, kompetensförsörjningen och att möta ett ökat behov med oförändrade resurser.",
    "Effektiviseringar och prioriteringar görs inom nämndens ram. Förvaltningen arbetar med att utveckla arbetssätt och nyttja digitaliseringens möjligheter.",
    "Uppföljning av det ekonomiska resultatet görs varje månad och på alla nivåer i organisationen, och det ekonomiska ansvaret är decentraliserat.",
    "Den demografiska utvecklingen innebär att efterfrågan på nämndens tjänster ökar, samtidigt som skatteintäkterna bedöms växa långsammare än tidigare år.",
    "Nämnden samverkar med andra nämnder och med civilsamhället för att nå de kommunövergripande målen.",
    "Internkontrollen är en väsentlig del i den samlade styrningen, där uppföljningar och kontroller görs av verksamheterna enligt en årlig plan.",
    "Pris- och lönekompensationen för budgetåret är fördelad i sin helhet i tabellen nedan, medan kompensationen för planåren ligger ofördelad.",
    "En investering är ett inköp som uppgår till ett prisbasbelopp eller mer och har en nyttjandeperiod på tre år eller mer.",
    "Nämnden ska följa den allmänna utvecklingen inom ansvarsområdet på såväl lokal som nationell nivå och ta initiativ till förbättringar.",
    "Inför budgetåret har nämnden genomlyst samtliga verksamheter för att hitta kostnadsdämpande åtgärder som inte påverkar kvaliteten för invånarna.",
]

# Operating lines under group headings without values (profiles with drift_groups):
# per committee, a leading line outside any group, then (heading, lines) blocks.
# Some lines are long enough to wrap in the label column.
DRIFT_GROUPS = {
    "Barn- och ungdomsnämnden": ("Nämnd och förvaltningsledning", [
        ("Förskoleverksamhet", ["Förskola", "Pedagogisk omsorg", "Öppen förskola och familjecentral"]),
        ("Grundskola", ["Förskoleklass", "Grundskola F–6", "Grundskola 7–9", "Fritidshem",
                        "Anpassad grundskola och resursskolor med särskild inriktning"]),
        ("Övrigt", ["Kulturskola", "Skolskjuts", "Interkommunala ersättningar och bidrag till fristående skolor"]),
    ]),
    "Socialnämnden": ("Nämnd och ledning", [
        ("Individ- och familjeomsorg", ["Ekonomiskt bistånd", "Barn och unga",
                                        "Missbruks- och beroendevård för vuxna inklusive placeringar",
                                        "Familjehemsvård"]),
        ("Funktionsstöd", ["Boende med särskild service", "Personlig assistans", "Daglig verksamhet"]),
        ("Övrigt", ["Flyktingmottagande", "Myndighetsutövning och gemensam administration för förvaltningen"]),
    ]),
    "Kultur- och fritidsnämnden": ("Nämnd och administration", [
        ("Kultur", ["Bibliotek", "Allmänkultur", "Kulturarv och museum med kommunens konstsamling"]),
        ("Fritid", ["Fritidsgårdar och mötesplatser", "Idrottsanläggningar", "Bad och simhallar",
                    "Föreningsbidrag"]),
        ("Övrigt", ["Evenemang", "Friluftsliv och naturvård i tätortsnära skogar och strövområden"]),
    ]),
    "Vård- och omsorgsnämnden": ("Nämnd och ledning", [
        ("Ordinärt boende", ["Hemtjänst", "Hemsjukvård", "Dagverksamhet",
                             "Anhörigstöd och förebyggande insatser för äldre i ordinärt boende"]),
        ("Vård och boende", ["Särskilt boende", "Korttidsvård", "Rehabilitering"]),
        ("Övrigt", ["Biståndshandläggning", "Färdtjänst"]),
    ]),
    "Tekniska nämnden": ("Nämnd och administration", [
        ("Gata och park", ["Gator och vägar", "Vinterväghållning", "Gatubelysning", "Parker och grönområden"]),
        ("Service", ["Måltidsverksamhet", "Lokalvård",
                     "Fastighetsförvaltning av verksamhetslokaler och bostäder"]),
        ("Övrigt", ["Trafik och parkering", "Hamn och farleder"]),
    ]),
    "Kommunstyrelsen": ("Kommunfullmäktige och revision", [
        ("Kommunledning", ["Kommunstyrelsen", "Kommunledningskontor", "Ekonomiavdelning", "HR-avdelning"]),
        ("Samhälle", ["Näringsliv och turism", "Räddningstjänst",
                      "Samhällsplanering och översiktlig planering för hela kommunen"]),
        ("Övrigt", ["Överförmyndare", "Kommunstyrelsens förfogande"]),
    ]),
    "Miljö- och byggnadsnämnden": ("Nämnd och administration", [
        ("Myndighet", ["Bygglov", "Miljö- och hälsoskydd", "Livsmedelskontroll"]),
        ("Övrigt", ["Planverksamhet", "Lantmäteri", "Kart och GIS med geografisk information för hela kommunen"]),
    ]),
    "Gymnasie- och vuxenutbildningsnämnden": ("Nämnd och förvaltning", [
        ("Gymnasieutbildning", ["Gymnasieskola", "Gymnasiesärskola",
                           "Interkommunala ersättningar gymnasiet och fristående gymnasieskolor"]),
        ("Vuxenutbildning", ["Kommunal vuxenutbildning", "Svenska för invandrare", "Yrkesvux"]),
        ("Övrigt", ["Studie- och yrkesvägledning", "Kommunala aktivitetsansvaret"]),
    ]),
}

# Sentences that make an indicator's wording long (profiles with long_indicators):
# how it is measured, its source and how it is reported, as written in goal tables.
INDICATOR_DETAILS = [
    "Mäts genom den årliga enkäten till samtliga brukare under hösten.",
    "Källa: Kolada, redovisas per kön där det är möjligt.",
    "Uppgiften hämtas ur verksamhetssystemet per den 31 december.",
    "Redovisas som ett genomsnitt för kommunens samtliga enheter i egen regi.",
    "Jämförs med genomsnittet för liknande kommuner och för riket.",
    "Följs upp i delårsrapporten och i verksamhetsberättelsen.",
    "Avser både verksamhet i egen regi och verksamhet på entreprenad.",
    "Resultatet påverkas av antalet svarande och ska tolkas med försiktighet.",
    "Målvärdet är satt utifrån nämndens beslutade handlingsplan.",
    "Beräknas som ett rullande medelvärde över de senaste tolv månaderna.",
]
