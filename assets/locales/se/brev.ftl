# Vástádusreive ohcciide, davvisámegillii. Teaksta galgá dárkkistuvvot jorgaleaddjis
# dearvvašvuođaovttasbarggus ovdal go dat váldojuvvo atnui (geahča docs/sami-terms.md).
# The answer letter in North Sámi. To be reviewed by a translator before use: the terms are
# listed in docs/sami-terms.md.

default-working-group = Bargojoavku ovttasbargodoarjaga várás
default-decision-body = Strategalaš ovttasbargolávdegoddi (SSU)

letter-subject = Vástádus doarjjaohcamii – { $title }
letter-subject-preliminary = Gaskaboddosaš vástádus doarjjaohcamii – { $title }
letter-preliminary-mark = GASKABODDOSAŠ VÁSTÁDUS – ii leat mearriduvvon
letter-application = Ohcan { $reference }
letter-our-reference = Min čuj.: { $reference }
letter-date = Beaivi: { $date }
letter-applied = Mii čujuhit din ohcamii, mas ohcabehtet doarjaga prošektii «{ $title }» ohcanvuorus «{ $round }».
letter-treated = { $body } lea meannudan ohcama.
letter-treated-meeting = { $body } lea meannudan ohcama čoahkkimis { $date }.
letter-granted = Mii illudit dieđihit ahte ohcan lea mieđihuvvon. Dii oažžubehtet { $amount } doarjjan.
letter-partly-granted = Ohcan lea oasil mieđihuvvon. Dii oažžubehtet { $amount } doarjjan. Dii ohciidet { $requested }.
letter-rejected = Mii šaddat dieđihit ahte ohcan lea hilgojuvvon. Dii ohciidet { $requested }.
letter-preliminary = Dát lea gaskaboddosaš vástádus. { $body } ii leat vel meannudan ohcama. { $group } evttoha ahte ohcan { $recommended }. Dii oažžubehtet loahpalaš vástádusa go { $short } lea dahkan mearrádusa.
letter-preliminary-meeting = Dát lea gaskaboddosaš vástádus. { $body } ii leat vel meannudan ohcama čoahkkimis { $date }. { $group } evttoha ahte ohcan { $recommended }. Dii oažžubehtet loahpalaš vástádusa go { $short } lea dahkan mearrádusa.
letter-recommended-granted = mieđihuvvo, { $amount }
letter-recommended-partly-granted = oasil mieđihuvvo, { $amount } ({ $requested } ohccojuvvon)
letter-recommended-rejected = hilgojuvvo
letter-justification-heading = Vuođustus
letter-conditions-heading = Doarjaga eavttut
letter-rejection-note = Mearrádus lea dahkkon buot ohcamiid ollislaš árvvoštallama vuođul rámma siskkobealde. Dii sáhttibehtet ohcat ođđasit maŋit ohcanvuorus.
letter-contact-heading = Oktavuohta
letter-greeting = Dearvvuođaiguin
letter-generated = ráhkaduvvon { $at }
letter-generated-preliminary = Gaskaboddosaš · ráhkaduvvon { $at }
letter-page = Siidu { $page } / { $pages }
letter-default-conditions-1 = Doarjja galgá geavahuvvot prošektii nu go dat lea čilgejuvvon ohcamis. Stuora rievdadusat prošeavttas fertejit šiehtaduvvot čálalaččat dearvvašvuođaovttasbargguin ovdal go dat čađahuvvojit.
letter-default-conditions-2 = Dii galggabehtet sáddet oanehis stáhtusraportta guhtta mánu maŋŋel álggu: ovdáneapmi, ruđaid geavaheapmi ja vejolaš erohusat plánas. Go prošeakta lea loahpahuvvon, galggabehtet sáddet loahpparaportta rehketdoaluin strategalaš ovttasbargolávdegoddái (SSU). Ruđat mat eai leat geavahuvvon, dahje mat leat geavahuvvon eavttuid vuostá, sáhttet gáibiduvvot máksojuvvot ruovttoluotta.
letter-default-contact = Gažaldagaid mearrádusa birra sáhttibehtet sáddet { $group }. Muitalehket min čujuhusa go váldibehtet oktavuođa.
letter-default-contact-at = Gažaldagaid mearrádusa birra sáhttibehtet sáddet { $group } ({ $helsefellesskap }). Muitalehket min čujuhusa go váldibehtet oktavuođa.
letter-norwegian-copy = Dette er en norsk kopi av svarbrevet, som er sendt på nordsamisk.
letter-sami-copy-note = Dii oažžubehtet maiddái dán reivve dárogiel máŋggusa.

reason-over-frame = Bargojoavku bijai ohcama { $rank }. sadjái { $count } ohcamis. Vuoru rápma lei { $frame }. Ohcamat mat ledje ovdalis, ožžo oktiibuot { $used }, nu ahte { $left } báhcái. Dat ii lean doarvái dan { $requested } várás maid dii ohciidet.
reason-frame-used = Bargojoavku bijai ohcama { $rank }. sadjái { $count } ohcamis. Vuoru rápma, { $frame }, geavahuvvui ollásit ohcamiidda mat ledje ovdalis.
reason-failed-gate = Ohcan ii deavdde doarjaga gáibádusaid: { $gates }.
reason-below-threshold = Ohcan oaččui unnit čuoggáid go vuoru unnimusgáibádus.
reason-not-drawn-by-lot = Bargojoavku gávnnahii ahte ohcan lei seamma buorre go eará ohcamat ráme ráji lahka. Ruđat juhkkojuvvojedje daid gaskkas vuorbádemiin, ja dát ohcan ii vuorbáduvvon.
